package io.kinglet.led.internal;

import io.kinglet.led.api.Canvas;
import java.util.Arrays;

/**
 * The canvas animations draw into: red, green, blue per pixel as plain ints, row by row. Values are
 * kept as given; {@link ColorPipeline} clamps them on the way out, the one place that does.
 */
final class Pixels implements Canvas {

    private final int width;
    private final int height;
    private final int[] rgb;

    Pixels(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a canvas of " + width + "x" + height + " has no pixels");
        }
        this.width = width;
        this.height = height;
        this.rgb = new int[3 * width * height];
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void set(int x, int y, int red, int green, int blue) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return;
        }
        int i = 3 * (y * width + x);
        rgb[i] = red;
        rgb[i + 1] = green;
        rgb[i + 2] = blue;
    }

    @Override
    public void fill(int red, int green, int blue) {
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = red;
            rgb[i + 1] = green;
            rgb[i + 2] = blue;
        }
    }

    int count() {
        return width * height;
    }

    /** The raw value of channel {@code c} (0 red, 1 green, 2 blue) of pixel {@code index} (row by row). */
    int channel(int index, int c) {
        return rgb[3 * index + c];
    }

    void clear() {
        Arrays.fill(rgb, 0);
    }
}
