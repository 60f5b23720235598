package io.kinglet.hardware.sim.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class TestClock implements InstantSource {

    private Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration step) {
        now = now.plus(step);
    }
}
