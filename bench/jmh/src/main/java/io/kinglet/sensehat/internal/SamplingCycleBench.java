package io.kinglet.sensehat.internal;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one sampling cycle of the Sense HAT reader costs: the four chip readers over the simulated
 * I2C bus (status, data and, for the HTS221, calibration-based conversion), the CPU thermal zone file,
 * and the JSON of the three published readings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SamplingCycleBench {

    private BenchHat hat;

    @Setup(Level.Trial)
    public void start() throws Exception {
        hat = new BenchHat();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        hat.close();
    }

    @Benchmark
    public void cycle() {
        hat.cycle();
    }
}
