package io.kinglet.led.internal;

import java.util.Arrays;

/**
 * What the frame loop did, for metrics, health and the preview: the last {@value #WINDOW} frames'
 * start times, lateness and work time in rings, counters, and the last frame shown. Written by the
 * loop's thread without allocating; read by others, who copy (a figure may mix two frames, which
 * statistics tolerate).
 */
final class FrameStats {

    static final int WINDOW = 512;

    private final long period;
    private final long[] begins = new long[WINDOW];
    private final long[] lateness = new long[WINDOW];
    private final long[] work = new long[WINDOW];
    private final int[] preview;
    private volatile long frames;
    private volatile long skipped;
    private volatile long fallbacks;

    FrameStats(long period, int pixels) {
        this.period = period;
        this.preview = new int[3 * pixels];
    }

    void frame(long begin, long late, long workNanos) {
        int i = (int) (frames % WINDOW);
        begins[i] = begin;
        lateness[i] = late;
        work[i] = workNanos;
        frames = frames + 1;
    }

    void skipped(long missed) {
        skipped = skipped + missed;
    }

    void fellBack() {
        fallbacks = fallbacks + 1;
    }

    void preview(int[] frame) {
        synchronized (preview) {
            System.arraycopy(frame, 0, preview, 0, preview.length);
        }
    }

    /** The last frame shown: red, green, blue per pixel, row by row, as the output got it. */
    int[] lastFrame() {
        synchronized (preview) {
            return preview.clone();
        }
    }

    long frames() {
        return frames;
    }

    long skipped() {
        return skipped;
    }

    long fallbacks() {
        return fallbacks;
    }

    double targetFps() {
        return 1e9 / period;
    }

    /** Frames begun in the last second before {@code now}. */
    double fps(long now) {
        int n = (int) Math.min(frames, WINDOW);
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (now - begins[k] <= 1_000_000_000L) {
                count++;
            }
        }
        return count;
    }

    /** The {@code q} quantile (0..1) of how late frames began after their deadline, in seconds. */
    double latenessQuantile(double q) {
        return quantile(lateness, q);
    }

    /** The {@code q} quantile of the time a frame took (render, pipeline, output), in seconds. */
    double workQuantile(double q) {
        return quantile(work, q);
    }

    private double quantile(long[] ring, double q) {
        int n = (int) Math.min(frames, WINDOW);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(ring, n);
        Arrays.sort(sorted);
        int rank = Math.max(0, (int) Math.ceil(q * n) - 1);
        return sorted[Math.min(n - 1, rank)] / 1e9;
    }
}
