package io.kinglet.sensehat.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One alert's state machine. It is raised once the value has stayed outside [min, max] for the
 * minimum duration, and cleared once it has stayed back inside by the hysteresis margin for as long:
 * a value hovering at a threshold neither raises nor clears anything. Used by one thread.
 */
final class Threshold {

    enum Change {
        NONE,
        RAISED,
        CLEARED
    }

    private final double min;
    private final double max;
    private final double hysteresis;
    private final Duration duration;
    private boolean active;
    private Instant since;

    Threshold(double min, double max, double hysteresis, Duration duration) {
        this.min = min;
        this.max = max;
        this.hysteresis = hysteresis;
        this.duration = duration;
    }

    Change evaluate(Instant now, double value) {
        boolean moving = active ? value <= max - hysteresis && value >= min + hysteresis : value > max || value < min;
        if (!moving) {
            since = null;
            return Change.NONE;
        }
        if (since == null) {
            since = now;
        }
        if (Duration.between(since, now).compareTo(duration) < 0) {
            return Change.NONE;
        }
        active = !active;
        since = null;
        return active ? Change.RAISED : Change.CLEARED;
    }

    boolean active() {
        return active;
    }

    /** Which bound a value breaks: {@code above 30.0} or {@code below 5.0}. */
    String breach(double value) {
        return value > max ? "above " + max : "below " + min;
    }
}
