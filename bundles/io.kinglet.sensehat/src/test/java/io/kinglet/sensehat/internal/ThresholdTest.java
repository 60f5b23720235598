package io.kinglet.sensehat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThresholdTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void raisedOnlyAfterStayingAboveForTheMinimumDuration() {
        Threshold t = new Threshold(-1e9, 30, 1, Duration.ofSeconds(10));
        assertEquals(Threshold.Change.NONE, t.evaluate(at(0), 31));
        assertEquals(Threshold.Change.NONE, t.evaluate(at(9), 31));
        assertEquals(Threshold.Change.RAISED, t.evaluate(at(10), 31.2));
        assertTrue(t.active());
        assertEquals("above 30.0", t.breach(31.2));
    }

    @Test
    void aDipBackInsideRestartsTheClock() {
        Threshold t = new Threshold(-1e9, 30, 1, Duration.ofSeconds(10));
        t.evaluate(at(0), 31);
        t.evaluate(at(5), 29.9);
        assertEquals(Threshold.Change.NONE, t.evaluate(at(10), 31));
        assertEquals(Threshold.Change.RAISED, t.evaluate(at(20), 31));
    }

    @Test
    void clearedOnlyOnceBackInsideByTheHysteresisForTheMinimumDuration() {
        Threshold t = new Threshold(-1e9, 30, 1, Duration.ofSeconds(10));
        t.evaluate(at(0), 31);
        t.evaluate(at(10), 31);
        // hovering just under the threshold, within the hysteresis: stays raised
        assertEquals(Threshold.Change.NONE, t.evaluate(at(20), 29.5));
        assertEquals(Threshold.Change.NONE, t.evaluate(at(40), 29.5));
        assertEquals(Threshold.Change.NONE, t.evaluate(at(41), 28.9));
        assertEquals(Threshold.Change.NONE, t.evaluate(at(50), 29.2), "back within the hysteresis band");
        assertEquals(Threshold.Change.NONE, t.evaluate(at(51), 28.5));
        assertEquals(Threshold.Change.CLEARED, t.evaluate(at(61), 28.5));
    }

    @Test
    void aLowerBoundWorksTheSameWay() {
        Threshold t = new Threshold(10, 1e9, 2, Duration.ZERO);
        assertEquals(Threshold.Change.RAISED, t.evaluate(at(0), 9.9));
        assertEquals("below 10.0", t.breach(9.9));
        assertEquals(Threshold.Change.NONE, t.evaluate(at(1), 11.9));
        assertEquals(Threshold.Change.CLEARED, t.evaluate(at(2), 12));
    }
}
