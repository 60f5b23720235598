package io.kinglet.led.internal;

import com.sun.management.ThreadMXBean;
import io.kinglet.hardware.api.SpiBus;
import io.kinglet.hardware.api.SpiDevice;
import io.kinglet.hardware.sim.internal.SimulatedSpi;
import io.kinglet.led.animations.internal.Rainbow;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.util.converter.Converters;

/**
 * The LED frame loop as the runtime runs it, for {@code seconds} of steady state after a warm-up:
 * the rainbow animation on the Sense HAT matrix's framebuffer (a 128-byte file, as the simulation
 * has it) and on 300-LED APA102 and WS2812 strips, at 30 and 60 fps: on the simulation's SPI chip
 * models (whose decoding of each frame, the strip's work on a device, is measured with the loop),
 * and on an SPI bus that discards, which leaves the loop's own cost. Prints achieved fps, how late frames began after their deadline
 * (jitter: p50, p99, max of the last 512 frames), the loop thread's CPU per second, the bytes it
 * allocated per frame, and the collections during the window.
 * Usage: FrameLoopBench [seconds per run, default 60]
 */
public final class FrameLoopBench {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private record Run(
            String output,
            int fps,
            double achieved,
            double p50,
            double p99,
            double max,
            double cpuPerSecond,
            double bytesPerFrame,
            long gcs) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path root = Files.createTempDirectory("kinglet-led-bench-");
        Files.createDirectories(root.resolve("sys/class/graphics/fb1"));
        Files.writeString(root.resolve("sys/class/graphics/fb1/name"), SenseHatFramebuffer.NAME + "\n");
        Files.createDirectories(root.resolve("dev"));
        Files.write(root.resolve("dev/fb1"), new byte[128]);
        System.out.printf(
                "%-24s %4s %9s %9s %9s %9s %11s %12s %5s%n",
                "output", "fps", "achieved", "late p50", "late p99", "late max", "CPU/s", "bytes/frame", "GCs");
        for (int fps : new int[] {30, 60}) {
            Output matrix = new SenseHatFramebuffer(root.resolve("sys"), root.resolve("dev"));
            print(run("Sense HAT 8x8 (file)", matrix, fps, seconds));
        }
        for (String chip : new String[] {"apa102", "ws2812"}) {
            for (int fps : new int[] {30, 60}) {
                print(run(chip.toUpperCase() + " 300 (sim SPI)", strip(chip, simulated(chip)), fps, seconds));
            }
            print(run(chip.toUpperCase() + " 300 (no device)", strip(chip, DISCARD), 60, seconds));
        }
    }

    /**
     * A 300-LED strip on the simulation's SPI bus, whose chip model decodes every frame bit by bit:
     * that decoding, which a real strip does in hardware, is inside the measured CPU.
     */
    private static SpiBus simulated(String chip) {
        return new SimulatedSpi(Converters.standardConverter()
                .convert(Map.of("chip", chip, "leds", 300))
                .to(SimulatedSpi.Config.class));
    }

    /** An SPI bus whose transfers go nowhere: the loop's own cost, without the simulation's decoding. */
    private static final SpiBus DISCARD = (bus, chipSelect, speedHz, mode) -> new SpiDevice() {
        @Override
        public int bus() {
            return bus;
        }

        @Override
        public int chipSelect() {
            return chipSelect;
        }

        @Override
        public int speedHz() {
            return speedHz;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            // the kernel's part: not measured
        }

        @Override
        public void close() {}
    };

    private static Output strip(String chip, SpiBus spi) {
        return new SpiStrip(
                () -> spi,
                Converters.standardConverter()
                        .convert(Map.of("output", chip, "width", 300, "height", 1))
                        .to(LedConfiguration.class));
    }

    static Run run(String name, Output output, int fps, int seconds) throws Exception {
        FrameLoop.Listener quiet = new FrameLoop.Listener() {
            @Override
            public void fellBack(String animation, String reason) {
                throw new IllegalStateException("the benchmark's animation fell back: " + reason);
            }

            @Override
            public void outputFailed(String reason) {
                throw new IllegalStateException("the benchmark's output failed: " + reason);
            }

            @Override
            public void outputRecovered() {}
        };
        FrameLoop loop =
                new FrameLoop(new ColorPipeline(output.width(), output.height(), 0, 50, 2.2), output, fps, 3, quiet);
        loop.play("rainbow", new Rainbow().start(Map.of("speed", "0.5"), output.width(), output.height()));
        loop.start();
        Thread.sleep(5_000); // warm-up: JIT, first frames
        long thread = loopThread();
        long frames0 = loop.stats().frames();
        long cpu0 = THREADS.getThreadCpuTime(thread);
        long bytes0 = THREADS.getThreadAllocatedBytes(thread);
        long gcs0 = collections();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - t0;
        long frames = loop.stats().frames() - frames0;
        Run run = new Run(
                name,
                fps,
                frames / (wall / 1e9),
                loop.stats().latenessQuantile(0.5) * 1000,
                loop.stats().latenessQuantile(0.99) * 1000,
                loop.stats().latenessQuantile(1.0) * 1000,
                (THREADS.getThreadCpuTime(thread) - cpu0) / (wall / 1e9) / 1e9,
                (double) (THREADS.getThreadAllocatedBytes(thread) - bytes0) / frames,
                collections() - gcs0);
        loop.stop();
        output.close();
        return run;
    }

    private static long loopThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("kinglet-led"))
                .findFirst()
                .orElseThrow()
                .threadId();
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static void print(Run r) {
        System.out.printf(
                "%-24s %4d %9.2f %7.3f ms %7.3f ms %7.3f ms %9.2f %% %12.1f %5d%n",
                r.output(),
                r.fps(),
                r.achieved(),
                r.p50(),
                r.p99(),
                r.max(),
                r.cpuPerSecond() * 100,
                r.bytesPerFrame(),
                r.gcs());
    }
}
