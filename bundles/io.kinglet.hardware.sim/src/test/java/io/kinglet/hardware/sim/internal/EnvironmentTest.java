package io.kinglet.hardware.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.hardware.sim.internal.Environment.Quantity;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    private final TestClock clock = new TestClock();

    @Test
    void driftWandersSlowlyAndStaysBounded() {
        Environment environment = new Environment(clock, true, 21.5, 40, 1013.25, new SplittableRandom(3));
        double previous = environment.value(Quantity.TEMPERATURE);
        double largestStep = 0;
        boolean moved = false;
        for (int i = 0; i < 24 * 60; i++) { // a day, minute by minute
            clock.advance(Duration.ofMinutes(1));
            double now = environment.value(Quantity.TEMPERATURE);
            assertTrue(Math.abs(now - 21.5) <= Quantity.TEMPERATURE.drift + 1e-12, "bounded: " + now);
            assertTrue(Math.abs(environment.value(Quantity.HUMIDITY) - 40) <= Quantity.HUMIDITY.drift + 1e-12);
            largestStep = Math.max(largestStep, Math.abs(now - previous));
            moved |= now != previous;
            previous = now;
        }
        assertTrue(moved);
        assertTrue(largestStep < 0.2, "slow: at most " + largestStep + " °C in a minute");
        assertEquals(1, environment.acceleration()[2], 0.01);
    }

    @Test
    void withoutDriftTheValuesAreTheSetPoints() {
        Environment environment = new Environment(clock, false, 21.5, 40, 1013.25, new SplittableRandom(3));
        clock.advance(Duration.ofHours(5));
        assertEquals(1013.25, environment.value(Quantity.PRESSURE));
        environment.set(Quantity.PRESSURE, 990);
        assertEquals(990, environment.value(Quantity.PRESSURE));
        assertNotEquals(0, environment.magneticField()[2]);
    }
}
