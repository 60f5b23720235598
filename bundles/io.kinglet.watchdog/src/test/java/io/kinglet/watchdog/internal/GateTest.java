package io.kinglet.watchdog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static Gate.Check ok(String name) {
        return new Gate.Check(name, true, "OK", "");
    }

    private static Gate.Check failing(String name) {
        return new Gate.Check(name, false, "CRITICAL", name + " broke");
    }

    @Test
    void aFailureWithinTheGracePeriodStillPets() {
        Gate gate = new Gate();
        Gate.Verdict verdict = gate.judge(T0, GRACE, List.of(ok("a"), failing("b")));
        assertTrue(verdict.pet());
        assertEquals(
                List.of("b"), verdict.inGrace().stream().map(Gate.Check::name).toList());
        assertTrue(gate.judge(T0.plusSeconds(29), GRACE, List.of(failing("b"))).pet());
    }

    @Test
    void aFailureThatOutlastsTheGracePeriodStopsThePetsAndSaysWhy() {
        Gate gate = new Gate();
        gate.judge(T0, GRACE, List.of(failing("b")));
        Gate.Verdict verdict = gate.judge(T0.plusSeconds(30), GRACE, List.of(ok("a"), failing("b")));
        assertFalse(verdict.pet());
        assertEquals("b: b broke", verdict.reason());
    }

    @Test
    void aRecoveryWithinTheGracePeriodCostsNothingAndTheNextFailureStartsAfresh() {
        Gate gate = new Gate();
        gate.judge(T0, GRACE, List.of(failing("b")));
        assertTrue(gate.judge(T0.plusSeconds(20), GRACE, List.of(ok("b"))).pet());
        assertTrue(gate.judge(T0.plusSeconds(25), GRACE, List.of(failing("b"))).pet());
        assertTrue(gate.judge(T0.plusSeconds(54), GRACE, List.of(failing("b"))).pet());
        assertFalse(gate.judge(T0.plusSeconds(55), GRACE, List.of(failing("b"))).pet());
    }

    @Test
    void eachCheckHasItsOwnClock() {
        Gate gate = new Gate();
        gate.judge(T0, GRACE, List.of(failing("a")));
        Gate.Verdict verdict = gate.judge(T0.plusSeconds(31), GRACE, List.of(failing("a"), failing("b")));
        assertFalse(verdict.pet());
        assertEquals(
                List.of("a"), verdict.failed().stream().map(Gate.Check::name).toList());
        assertEquals(
                List.of("b"), verdict.inGrace().stream().map(Gate.Check::name).toList());
    }

    @Test
    void noGracePeriodStopsAtTheFirstFailure() {
        assertFalse(new Gate().judge(T0, Duration.ZERO, List.of(failing("a"))).pet());
    }
}
