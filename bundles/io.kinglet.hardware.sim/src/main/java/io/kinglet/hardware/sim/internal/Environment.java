package io.kinglet.hardware.sim.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The physics the chips measure: the true temperature, humidity, pressure, acceleration, angular
 * rate and magnetic field, and the CPU temperature the SoC's thermal zone reports. Scalars follow set
 * points the shell can move; with drift on every value wanders slowly and boundedly around its set
 * point, as a room and a board on a desk do.
 */
final class Environment {

    /** The quantities the shell can set, with the range their sensor measures (the SoC's, for cpu). */
    enum Quantity {
        TEMPERATURE("°C", -40, 85, 0.4),
        HUMIDITY("%rH", 0, 100, 1.5),
        PRESSURE("hPa", 260, 1260, 0.6),
        // A CPU's temperature moves with its load: a wider wander than the room's.
        CPU("°C", -40, 125, 1.5);

        final String unit;
        final double min;
        final double max;
        /** How far drift takes the true value from its set point. */
        final double drift;

        Quantity(String unit, double min, double max, double drift) {
            this.unit = unit;
            this.min = min;
            this.max = max;
            this.drift = drift;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        String range() {
            return label() + " " + format(min) + ".." + format(max) + " " + unit;
        }

        private static String format(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** A Raspberry Pi idling in a case at room temperature. */
    static final double CPU_SET_POINT = 48.0;

    /** Gravity on a board lying flat, no rotation, and a mid-latitude Earth field (gauss). */
    private static final double[] GRAVITY = {0, 0, 1};

    private static final double[] STILL = {0, 0, 0};
    private static final double[] EARTH_FIELD = {0.214, 0.012, -0.433};

    private final InstantSource clock;
    private final boolean drifting;
    private final RandomGenerator random;
    private final Map<Quantity, Double> setPoints = new EnumMap<>(Quantity.class);
    private final Map<Quantity, Drift> drifts = new EnumMap<>(Quantity.class);
    // Vibration and sensor-frame jitter: small and quick for motion, slow for the field.
    private final Drift[] acceleration = drifts(0.002, Duration.ofSeconds(2));
    private final Drift[] rotation = drifts(0.05, Duration.ofSeconds(2));
    private final Drift[] field = drifts(0.003, Duration.ofMinutes(1));
    private Instant last;

    Environment(
            InstantSource clock,
            boolean drifting,
            double temperature,
            double humidity,
            double pressure,
            RandomGenerator random) {
        this.clock = clock;
        this.drifting = drifting;
        this.random = random;
        this.last = clock.instant();
        setPoints.put(Quantity.TEMPERATURE, temperature);
        setPoints.put(Quantity.HUMIDITY, humidity);
        setPoints.put(Quantity.PRESSURE, pressure);
        setPoints.put(Quantity.CPU, CPU_SET_POINT);
        // Indoor air changes over tens of minutes: the wander forgets itself in ten.
        for (Quantity q : Quantity.values()) {
            drifts.put(q, new Drift(q.drift, Duration.ofMinutes(10)));
        }
    }

    InstantSource clock() {
        return clock;
    }

    boolean drifting() {
        return drifting;
    }

    synchronized double setPoint(Quantity quantity) {
        return setPoints.get(quantity);
    }

    /** Moves a set point; the true value follows at once (plus its current drift). */
    synchronized void set(Quantity quantity, double value) {
        if (!(value >= quantity.min && value <= quantity.max)) {
            throw new IllegalArgumentException(
                    quantity.label() + " " + value + " " + quantity.unit + " is out of range: " + quantity.range());
        }
        setPoints.put(quantity, value);
    }

    /** The true value now, within the quantity's physical range (no humidity above 100 %). */
    synchronized double value(Quantity quantity) {
        advance();
        double value = setPoints.get(quantity) + drifts.get(quantity).value();
        return Math.max(quantity.min, Math.min(quantity.max, value));
    }

    /** Acceleration in g, in the accelerometer's axes. */
    synchronized double[] acceleration() {
        return around(GRAVITY, acceleration);
    }

    /** Angular rate in degrees per second, in the gyroscope's axes. */
    synchronized double[] angularRate() {
        return around(STILL, rotation);
    }

    /** Magnetic field in gauss, in the magnetometer's axes. */
    synchronized double[] magneticField() {
        return around(EARTH_FIELD, field);
    }

    private double[] around(double[] centre, Drift[] wander) {
        advance();
        double[] value = new double[3];
        for (int i = 0; i < 3; i++) {
            value[i] = centre[i] + wander[i].value();
        }
        return value;
    }

    /** Brings every drift up to the clock; a clock that goes back leaves them where they are. */
    private void advance() {
        Instant now = clock.instant();
        double seconds = Duration.between(last, now).toNanos() / 1e9;
        if (seconds <= 0) {
            return;
        }
        last = now;
        if (!drifting) {
            return;
        }
        drifts.values().forEach(d -> d.advance(seconds, random));
        for (Drift[] vector : new Drift[][] {acceleration, rotation, field}) {
            for (Drift d : vector) {
                d.advance(seconds, random);
            }
        }
    }

    private static Drift[] drifts(double bound, Duration correlation) {
        return new Drift[] {new Drift(bound, correlation), new Drift(bound, correlation), new Drift(bound, correlation)
        };
    }
}
