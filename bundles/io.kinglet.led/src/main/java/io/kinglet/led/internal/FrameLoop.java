package io.kinglet.led.internal;

import io.kinglet.led.api.Playback;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the playing animation once per frame on its own thread. Frames are due on absolute
 * deadlines (start + n·period), so pacing never drifts; a frame that ends past the next deadline makes
 * the loop skip to the next deadline still ahead rather than burst. An animation that throws, or whose
 * render overruns the frame, {@code faultLimit} times in a row is replaced by the {@link #FALLBACK}
 * and reported once. Steady state allocates nothing: canvas, output frame and statistics are
 * allocated up front.
 */
final class FrameLoop implements Runnable {

    /** Told when the loop gives up on an animation, and when the output fails or recovers. */
    interface Listener {
        void fellBack(String animation, String reason);

        void outputFailed(String reason);

        void outputRecovered();
    }

    /** Shown after a faulty animation is stopped: dim red, so a dark device still says something is wrong. */
    static final Playback FALLBACK = (canvas, frame, nanos) -> canvas.fill(24, 0, 0);

    static final String FALLBACK_NAME = "fallback";

    private static final Logger LOG = LoggerFactory.getLogger(FrameLoop.class);

    private record Next(String name, Playback playback) {}

    private final Pixels canvas;
    private final ColorPipeline pipeline;
    private final Output output;
    private final Listener listener;
    private final long period;
    private final int faultLimit;
    private final int[] frame;
    private final FrameStats stats;
    private final Thread thread;
    private volatile Next next;
    private volatile String playing = "";
    private volatile boolean running = true;

    FrameLoop(ColorPipeline pipeline, Output output, int fps, int faultLimit, Listener listener) {
        this.canvas = new Pixels(pipeline.width(), pipeline.height());
        this.pipeline = pipeline;
        this.output = output;
        this.listener = listener;
        this.period = 1_000_000_000L / fps;
        this.faultLimit = faultLimit;
        this.frame = new int[3 * canvas.count()];
        this.stats = new FrameStats(period, canvas.count());
        this.thread = new Thread(this, "kinglet-led");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Plays {@code playback} from the next frame on, from frame 0 on a cleared canvas. */
    void play(String name, Playback playback) {
        next = new Next(name, playback);
    }

    /** The animation on the LEDs now (empty before the first). */
    String playing() {
        return playing;
    }

    FrameStats stats() {
        return stats;
    }

    @Override
    public void run() {
        Playback current = null;
        long started = 0;
        long frameNumber = 0;
        int throwsInARow = 0;
        int overrunsInARow = 0;
        boolean outputFailing = false;
        long deadline = System.nanoTime();
        while (running) {
            Next swap = next;
            if (swap != null) {
                next = null;
                current = swap.playback();
                playing = swap.name();
                canvas.clear();
                started = deadline;
                frameNumber = 0;
                throwsInARow = 0;
                overrunsInARow = 0;
            }
            long begin = System.nanoTime();
            if (current != null) {
                String fault = null;
                try {
                    current.render(canvas, frameNumber, begin - started);
                    throwsInARow = 0;
                } catch (RuntimeException | LinkageError e) {
                    // LinkageError too: an animation whose bundle was just uninstalled fails to load classes
                    if (++throwsInARow >= faultLimit) {
                        fault = "threw " + throwsInARow + " times in a row, last: " + e;
                    }
                }
                long rendered = System.nanoTime() - begin;
                overrunsInARow = rendered > period ? overrunsInARow + 1 : 0;
                if (fault == null && overrunsInARow >= faultLimit) {
                    fault = "took longer than a frame (" + period / 1000 + " µs) " + overrunsInARow
                            + " times in a row, last " + rendered / 1000 + " µs";
                }
                if (fault != null) {
                    LOG.warn("LED: animation '{}' stopped: it {}; showing the fallback", playing, fault);
                    listener.fellBack(playing, fault);
                    stats.fellBack();
                    current = FALLBACK;
                    playing = FALLBACK_NAME;
                    canvas.clear();
                }
                frameNumber++;
            }
            pipeline.apply(canvas, frame);
            stats.preview(frame);
            try {
                output.write(frame);
                if (outputFailing) {
                    outputFailing = false;
                    LOG.info("LED: writing {} again", output.describe());
                    listener.outputRecovered();
                }
            } catch (IOException e) {
                if (!outputFailing) {
                    outputFailing = true;
                    if (e instanceof OutputMissing) {
                        LOG.info("LED: waiting for the output: {}", e.getMessage());
                    } else {
                        LOG.warn("LED: writing {} failed: {}", output.describe(), e.getMessage());
                    }
                    listener.outputFailed(e.getMessage());
                }
            }
            long end = System.nanoTime();
            stats.frame(begin, begin - deadline, end - begin);
            long due = nextDeadline(deadline, end, period);
            if (due - deadline > period) {
                stats.skipped((due - deadline) / period - 1);
            }
            deadline = due;
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
    }

    /**
     * The first deadline on the grid {@code deadline + k·period} (k ≥ 1) that is still ahead of
     * {@code now}: after an overrun the missed frames are skipped, not rendered in a burst.
     */
    static long nextDeadline(long deadline, long now, long period) {
        long due = deadline + period;
        if (due - now < 0) {
            due += ((now - due) / period + 1) * period;
        }
        return due;
    }

    void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(2_000);
    }
}
