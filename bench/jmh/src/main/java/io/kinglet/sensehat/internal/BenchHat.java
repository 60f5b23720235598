package io.kinglet.sensehat.internal;

import io.kinglet.hardware.sim.internal.BenchBoard;
import io.kinglet.telemetry.api.Priority;
import io.kinglet.telemetry.api.Telemetry;
import jakarta.json.spi.JsonProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.util.converter.Converters;

/**
 * The Sense HAT reader as the default profile runs it (three published quantities, the simulated
 * sysfs tree for the CPU temperature), on {@link BenchBoard}'s simulated chips. Telemetry only counts:
 * what queuing costs is telemetry's own benchmark (bench/telemetry.sh); the JSON each reading becomes
 * is built here, as in the runtime.
 */
public final class BenchHat implements AutoCloseable {

    private final Path root;
    private final BenchBoard board;
    private final SenseHat hat;
    private final AtomicLong published = new AtomicLong();

    public BenchHat() throws Exception {
        this.root = Files.createTempDirectory("kinglet-sensehat-bench-");
        this.board = new BenchBoard(root);
        SenseHatConfiguration config = Converters.standardConverter()
                .convert(Map.of(
                        "intervalSeconds", 3600, // the bench drives the cycles; the sampler's own runs once
                        "sysfsRoot", root.resolve("sys").toString(),
                        "devRoot", root.resolve("dev").toString()))
                .to(SenseHatConfiguration.class);
        this.hat = new SenseHat(config, board.i2c(), JsonProvider.provider());
        hat.bindTelemetry(new CountingTelemetry());
        while (hat.latest().isEmpty()) {
            Thread.sleep(10); // the sampler's first cycle, which starts the chips
        }
    }

    /** One sampling cycle, one simulated second after the last. */
    public void cycle() {
        board.tick();
        hat.sample();
    }

    public long published() {
        return published.get();
    }

    public int quantities() {
        return hat.latest().size();
    }

    @Override
    public void close() throws Exception {
        hat.deactivate();
        board.close();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private final class CountingTelemetry implements Telemetry {

        @Override
        public CompletionStage<Long> publish(String topic, byte[] payload, int qos, Priority priority) {
            return CompletableFuture.completedFuture(published.incrementAndGet());
        }

        @Override
        public CompletionStage<Long> publishJson(String topic, String json, int qos, Priority priority) {
            return CompletableFuture.completedFuture(published.incrementAndGet());
        }
    }
}
