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
        double squaredSteps = 0;
        boolean moved = false;
        for (int i = 0; i < 24 * 60; i++) { // a day, minute by minute
            clock.advance(Duration.ofMinutes(1));
            double now = environment.value(Quantity.TEMPERATURE);
            assertTrue(Math.abs(now - 21.5) <= Quantity.TEMPERATURE.drift + 1e-12, "bounded: " + now);
            assertTrue(Math.abs(environment.value(Quantity.HUMIDITY) - 40) <= Quantity.HUMIDITY.drift + 1e-12);
            squaredSteps += (now - previous) * (now - previous);
            moved |= now != previous;
            previous = now;
        }
        assertTrue(moved);
        // The typical step, not the largest: the largest of 1440 Gaussian steps sits near 3.5 standard
        // deviations and moves with the random stream (another drifting quantity shifts it), the typical one
        // does not. A one-minute step has a standard deviation of about 0.057 °C here.
        double typicalStep = Math.sqrt(squaredSteps / (24 * 60));
        assertTrue(typicalStep < 0.1, "slow: typically " + typicalStep + " °C in a minute");
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
