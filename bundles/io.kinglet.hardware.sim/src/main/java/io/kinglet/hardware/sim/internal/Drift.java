package io.kinglet.hardware.sim.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A wander around zero that is slow, small and bounded: an Ornstein–Uhlenbeck process (a random walk
 * pulled back toward zero), advanced exactly over any time step so that reading it rarely or often
 * gives the same statistics, and clamped to its bound.
 */
final class Drift {

    private final double bound;
    private final double correlationSeconds;
    private double value;

    /** {@code bound}: the largest excursion; {@code correlation}: how long the wander takes to forget. */
    Drift(double bound, Duration correlation) {
        this.bound = bound;
        this.correlationSeconds = correlation.toMillis() / 1000.0;
    }

    double advance(double seconds, RandomGenerator random) {
        if (seconds > 0) {
            double decay = Math.exp(-seconds / correlationSeconds);
            // Stationary spread a third of the bound: the clamp is rarely the thing that holds it.
            double spread = bound / 3 * Math.sqrt(1 - decay * decay);
            value = Math.max(-bound, Math.min(bound, value * decay + spread * random.nextGaussian()));
        }
        return value;
    }

    double value() {
        return value;
    }
}
