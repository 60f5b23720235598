package io.kinglet.led.internal;

import java.io.IOException;

/** Where frames go: a device, or nowhere (preview only). Called from the frame loop's thread only. */
interface Output extends AutoCloseable {

    int width();

    int height();

    /** Where, for logs and health, e.g. {@code Sense HAT matrix /dev/fb1}. */
    String describe();

    /** Shows one frame: red, green, blue (0–255, already corrected) per pixel, row by row. */
    void write(int[] rgb) throws IOException;

    @Override
    void close();

    /** The preview-only output: no device, frames are still rendered for led:show and /led/frame. */
    static Output none(int width, int height) {
        return new Output() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public String describe() {
                return "no output (preview only)";
            }

            @Override
            public void write(int[] rgb) {
                // nothing to drive: the frame stays in the preview
            }

            @Override
            public void close() {
                // nothing was opened
            }
        };
    }
}
