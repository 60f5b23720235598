package io.kinglet.addetect.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed: ffmpeg run again and again on its own thread, every frame analysed as it comes.
 * ffmpeg ending or failing is started again after a back-off (1 s, doubling to a minute, back to 1 s
 * after a run of a minute); ffmpeg delivering nothing for the stall time is stopped, which ends its
 * run. Each run starts a fresh detector: a new run is a new timeline.
 */
final class Feed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Feed.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** What the feed is doing, for health and the shell. */
    record Status(boolean running, long runs, long frames, Instant since, String lastProblem) {}

    private final FfmpegDecoder decoder;
    private final Thresholds thresholds;
    private final BreakDetector.Listener listener;
    private final Duration stall;
    private final Thread thread;
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean open = true;
    private volatile Process process;
    private volatile long lastFrameNanos;
    private volatile boolean running;
    private volatile long runs;
    private volatile Instant since = Instant.now();
    private volatile String lastProblem = "";
    private volatile BreakDetector detector;
    private volatile Tick last;

    Feed(FfmpegDecoder decoder, Thresholds thresholds, Duration stall, BreakDetector.Listener listener) {
        this.decoder = decoder;
        this.thresholds = thresholds;
        this.stall = stall;
        this.listener = listener;
        this.thread = new Thread(this::supervise, "kinglet-addetect");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void supervise() {
        Duration backoff = Duration.ofSeconds(1);
        while (open) {
            Instant started = Instant.now();
            runs++;
            try {
                run();
                lastProblem = "ffmpeg ended (end of the source)";
            } catch (IOException e) {
                lastProblem = e.getMessage();
            } catch (InterruptedException e) {
                return;
            } finally {
                running = false;
            }
            if (!open) {
                return;
            }
            if (Duration.between(started, Instant.now()).compareTo(MAX_BACKOFF) > 0) {
                backoff = Duration.ofSeconds(1);
            }
            LOG.warn("Ad detector: {}; starting ffmpeg again in {} s", lastProblem, backoff.toSeconds());
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void run() throws IOException, InterruptedException {
        Watch watch = new Watch(thresholds, listener);
        detector = watch.detector();
        lastFrameNanos = System.nanoTime();
        Consumer<Process> started = p -> {
            process = p;
            running = true;
            since = Instant.now();
            LOG.info("Ad detector: ffmpeg started (pid {})", p.pid());
        };
        try {
            decoder.run(started, (seconds, grey, audio, count) -> {
                lastFrameNanos = System.nanoTime();
                frames.incrementAndGet();
                last = watch.frame(seconds, grey, audio, count);
            });
        } finally {
            watch.detector().finish();
        }
    }

    /** Stops ffmpeg when it has delivered nothing for the stall time; called periodically. */
    void checkStall() {
        Process p = process;
        if (running && p != null && System.nanoTime() - lastFrameNanos > stall.toNanos()) {
            LOG.warn("Ad detector: no frame from ffmpeg for {} s; stopping it", stall.toSeconds());
            p.destroyForcibly();
        }
    }

    Status status() {
        return new Status(running, runs, frames.get(), since, lastProblem);
    }

    BreakDetector detector() {
        return detector;
    }

    Tick last() {
        return last;
    }

    long pid() {
        Process p = process;
        return p == null || !p.isAlive() ? -1 : p.pid();
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    static FfmpegDecoder decoder(AdDetectConfiguration config, Path work) {
        List<String> input = switch (config.kind()) {
            case "v4l2" -> List.of("-f", "v4l2", "-i", config.source(), "-f", "alsa", "-i", config.audioDevice());
            case "file" ->
                config.realtime()
                        ? List.of("-stream_loop", "-1", "-i", config.source())
                        : List.of("-i", config.source());
            default -> List.of("-i", config.source());
        };
        // a capture device's audio is the second input; a stream or a file arrives with its own
        String audio = "v4l2".equals(config.kind()) ? "1:a:0" : "0:a:0";
        return new FfmpegDecoder(
                config.ffmpeg(), input, audio, "file".equals(config.kind()) && config.realtime(), work);
    }
}
