package io.kinglet.led.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The pixels of one frame, in the animation's own coordinates: (0,0) is the top left, x to the right,
 * y down, whatever the output's rotation and wiring. Colour values are plain ints: whatever an
 * animation computes, each is clamped to 0–255 where the frame reaches the output, so a value out of
 * range is never an error.
 */
@ProviderType
public interface Canvas {

    int width();

    int height();

    /** Sets one pixel; a pixel outside the canvas is ignored. */
    void set(int x, int y, int red, int green, int blue);

    /** Sets every pixel. */
    void fill(int red, int green, int blue);
}
