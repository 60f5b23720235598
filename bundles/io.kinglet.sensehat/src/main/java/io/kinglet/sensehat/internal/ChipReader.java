package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cBus;
import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chip's life on the bus: opened and started on first use, read at each sample, and after a
 * failure retried with a doubling back-off (up to a limit), so a chip that is gone costs one
 * failed transfer now and then while the other chips go on. Used by the sampler's one thread.
 */
final class ChipReader {

    private static final Logger LOG = LoggerFactory.getLogger(ChipReader.class);

    /** What the shell, /health and /metrics show of the chip. */
    record State(String chip, int bus, int address, String failure, Instant nextAttempt, int failures) {

        boolean up() {
            return failure == null;
        }

        String where() {
            return String.format("%s at 0x%02x on I2C bus %d", chip, address, bus);
        }
    }

    private final Chip chip;
    private final I2cBus i2c;
    private final int bus;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private I2cDevice device;
    private boolean started;
    private volatile State state;

    ChipReader(Chip chip, I2cBus i2c, int bus, Duration firstRetry, Duration maxRetry) {
        this.chip = chip;
        this.i2c = i2c;
        this.bus = bus;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.state = new State(chip.name(), bus, chip.address(), null, null, 0);
    }

    /** The chip's values now, or none: failing and not yet due for another try, or failing again. */
    Map<Quantity, Double> sample(Instant now) {
        State s = state;
        if (!s.up() && now.isBefore(s.nextAttempt())) {
            return Map.of();
        }
        try {
            if (device == null) {
                device = i2c.open(bus, chip.address());
            }
            if (!started) {
                chip.start(device);
                started = true;
            }
            Map<Quantity, Double> values = chip.read(device);
            if (!s.up()) {
                LOG.info("Sense HAT: {} answers again after {} failed attempts", s.where(), s.failures());
            }
            state = new State(chip.name(), bus, chip.address(), null, null, 0);
            return values;
        } catch (IOException e) {
            started = false; // a chip that comes back may have been power-cycled: identify and start it again
            int failures = s.failures() + 1;
            Duration wait = backOff(failures);
            if (s.up()) {
                LOG.warn("Sense HAT: {} failed: {}; retrying in {} s", s.where(), e.getMessage(), wait.toSeconds());
            }
            state = new State(chip.name(), bus, chip.address(), e.getMessage(), now.plus(wait), failures);
            return Map.of();
        }
    }

    private Duration backOff(int failures) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(failures - 1, 16));
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }

    State state() {
        return state;
    }

    void close() {
        if (device != null) {
            try {
                device.close();
            } catch (IOException e) {
                LOG.debug("Sense HAT: closing {} failed: {}", state.where(), e.getMessage());
            }
        }
    }
}
