package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.api.I2cBus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;
import org.osgi.util.converter.Converters;

/**
 * The default profile's simulated Sense HAT (drift on, default calibration) on a clock the benchmark
 * moves: one second per sampling cycle, so every chip has new data at every cycle, as at the
 * default profile's pace, however fast the cycles run.
 */
public final class BenchBoard implements InstantSource {

    private final SimulatedI2c i2c;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    public BenchBoard(Path root) {
        SimulationConfiguration config = Converters.standardConverter()
                .convert(Map.of("root", root.toString(), "drift", true))
                .to(SimulationConfiguration.class);
        this.i2c = new SimulatedI2c(config, this, new SplittableRandom(42));
    }

    public I2cBus i2c() {
        return i2c;
    }

    public void tick() {
        now = now.plus(Duration.ofSeconds(1));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void close() {
        i2c.deactivate();
    }
}
