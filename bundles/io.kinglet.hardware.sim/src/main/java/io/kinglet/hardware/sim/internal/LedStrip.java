package io.kinglet.hardware.sim.internal;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An LED strip on the simulated SPI bus: it decodes each transfer as its chips would and keeps what
 * they would show. A transfer the chips would misread is a bad frame: counted, its reason kept, and the
 * pixels left as they were, so that a test sees the driver's mistake rather than a half-garbled strip.
 */
abstract class LedStrip {

    private static final Logger LOG = LoggerFactory.getLogger(LedStrip.class);

    private final int leds;
    private final int[] pixels;
    private long frames;
    private long badFrames;
    private String lastError = "";

    LedStrip(int leds) {
        this.leds = leds;
        this.pixels = new int[3 * leds];
    }

    /** {@code apa102} or {@code ws2812}, as configured. */
    abstract String chip();

    /**
     * The colours one transfer sets, r, g, b for LEDs 0, 1, ... (a short transfer sets fewer, as on a real
     * strip); nothing of this strip changes before it returns, so a bad frame leaves no trace but its error.
     */
    abstract int[] decode(byte[] data, int speedHz) throws BadFrame;

    /** One transfer, as the first LED's data input sees it. */
    final synchronized void receive(byte[] data, int speedHz) {
        try {
            int[] shown = decode(data, speedHz);
            System.arraycopy(shown, 0, pixels, 0, shown.length);
            frames++;
        } catch (BadFrame e) {
            badFrames++;
            // A driver with a bug repeats it at the frame rate: warn once per distinct error.
            if (!e.getMessage().equals(lastError)) {
                LOG.warn("Simulation: {} strip refused a frame: {}", chip(), e.getMessage());
            }
            lastError = e.getMessage();
        }
    }

    final int leds() {
        return leds;
    }

    /** r, g, b per LED, as last latched (a copy). */
    final synchronized int[] pixels() {
        return Arrays.copyOf(pixels, pixels.length);
    }

    final synchronized long frames() {
        return frames;
    }

    final synchronized long badFrames() {
        return badFrames;
    }

    /** Why the last bad frame was refused, or empty when none was. */
    final synchronized String lastError() {
        return lastError;
    }

    /** What the chips would misread, in words naming the LED and bit where possible. */
    static final class BadFrame extends Exception {

        private static final long serialVersionUID = 1L;

        BadFrame(String message) {
            // Thrown at every bad frame of an animation: no stack trace to fill in.
            super(message, null, false, false);
        }
    }
}
