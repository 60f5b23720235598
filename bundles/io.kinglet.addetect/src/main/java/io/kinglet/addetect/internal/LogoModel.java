package io.kinglet.addetect.internal;

import java.util.Arrays;

/**
 * The station logo, learned from the programme: a logo is drawn over everything at the same place, so
 * where it is the picture keeps the same values and the same edges, frame after frame, while the
 * programme under and around it moves. Each pixel in the frame's corners (where stations put logos)
 * keeps slow averages of its value, of how far it strays from that value, and of how often it is an
 * edge; the textured pixels that hardly ever stray are the logo. The logo is on screen as far as those
 * pixels show their learned values, which a busy advert's edges do not. Learned only while the
 * detector says the programme is on with its logo, so a break never teaches it an advert's graphics.
 */
final class LogoModel {

    /** A gradient this strong (0..510) is an edge. */
    private static final int EDGE = 48;
    /** A logo pixel is an edge at least this often ... */
    private static final float TEXTURED = 0.5f;
    /** ... and strays at most this far from its value, on average. */
    private static final float STILL = 10f;
    /** A pixel this close to its learned value shows the logo. */
    private static final int MATCH = 30;
    /** Too few logo pixels is no logo (noise, or a programme without one). */
    private static final int MIN_PIXELS = 12;
    /** Share of the frame's width and height, from each side, that counts as a corner. */
    private static final double CORNER = 0.3;
    /** The averages' time constant. */
    private static final double STEADY_SECONDS = 5;
    /** How much slower the settled value follows: a minute. */
    private static final float DRIFT_FACTOR = 12f;

    private final int width;
    private final int height;
    /** The corners' pixels as indices into a frame, the only ones looked at. */
    private final int[] pixels;

    private final float[] value;
    /** The value over a minute: a pixel that drifts (a slow pan, a scrolling background) is no logo. */
    private final float[] settled;

    private final float[] stray;
    private final float[] edges;
    private final float rate;
    private final int ticksToLearn;
    private int learnedTicks;

    /**
     * @param ticksPerSecond frames a second
     * @param learnSeconds how long the programme must have been watched before the logo counts
     */
    LogoModel(int width, int height, int ticksPerSecond, double learnSeconds) {
        this.width = width;
        this.height = height;
        this.pixels = corners(width, height);
        this.value = new float[pixels.length];
        this.settled = new float[pixels.length];
        this.stray = new float[pixels.length];
        this.edges = new float[pixels.length];
        // unknown at first: far enough from still that a pixel must prove itself for a few seconds
        Arrays.fill(stray, 64f);
        this.ticksToLearn = (int) Math.round(learnSeconds * ticksPerSecond);
        this.rate = (float) (1 / (STEADY_SECONDS * ticksPerSecond));
    }

    private static int[] corners(int width, int height) {
        int cx = (int) (width * CORNER);
        int cy = (int) (height * CORNER);
        int count = 0;
        int[] all = new int[width * height];
        for (int y = 1; y < height - 1; y++) {
            boolean rowInCorner = y < cy || y >= height - cy;
            for (int x = 1; x < width - 1; x++) {
                if (rowInCorner && (x < cx || x >= width - cx)) {
                    all[count++] = y * width + x;
                }
            }
        }
        return Arrays.copyOf(all, count);
    }

    /**
     * Scores the frame against the logo learned so far, then learns from it when {@code learn}.
     *
     * @return the share of the logo's pixels showing their learned value, 0..1; NaN while no logo is known
     */
    double observe(byte[] frame, boolean learn) {
        int logo = 0;
        int shown = 0;
        for (int i = 0; i < pixels.length; i++) {
            int v = frame[pixels[i]] & 0xFF;
            if (isLogo(i)) {
                logo++;
                if (Math.abs(v - value[i]) <= MATCH) {
                    shown++;
                }
            }
            if (learn) {
                float first = learnedTicks == 0 ? 1f : rate;
                stray[i] += (Math.abs(v - value[i]) - stray[i]) * rate;
                value[i] += (v - value[i]) * first;
                settled[i] += (v - settled[i]) * (learnedTicks == 0 ? 1f : rate / DRIFT_FACTOR);
                edges[i] += ((edge(frame, pixels[i]) ? 1f : 0f) - edges[i]) * rate;
            }
        }
        if (learn) {
            learnedTicks++;
        }
        return learnedTicks < ticksToLearn || logo < MIN_PIXELS ? Double.NaN : (double) shown / logo;
    }

    private boolean isLogo(int i) {
        return edges[i] >= TEXTURED && stray[i] <= STILL && Math.abs(value[i] - settled[i]) <= STILL;
    }

    /** Pixels that make up the logo now. */
    int size() {
        int logo = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (isLogo(i)) {
                logo++;
            }
        }
        return logo;
    }

    private boolean edge(byte[] frame, int i) {
        int dx = Math.abs((frame[i + 1] & 0xFF) - (frame[i - 1] & 0xFF));
        int dy = Math.abs((frame[i + width] & 0xFF) - (frame[i - width] & 0xFF));
        return dx + dy >= EDGE;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }
}
