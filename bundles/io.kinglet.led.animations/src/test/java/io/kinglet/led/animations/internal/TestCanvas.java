package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Canvas;
import io.kinglet.led.api.Playback;
import java.util.HashMap;
import java.util.Map;

/** A canvas that keeps its pixels as packed 0xrrggbb ints, clamped as the real output clamps them. */
final class TestCanvas implements Canvas {

    private final int width;
    private final int height;
    private final int[] pixels;

    TestCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    /** Starts {@code animation} with {@code namesAndValues} (name, value, name, value…). */
    static Playback start(Animation animation, int width, int height, String... namesAndValues) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return animation.start(parameters, width, height);
    }

    /** This canvas after {@code playback} rendered the frame at {@code seconds}. */
    TestCanvas at(Playback playback, double seconds) {
        playback.render(this, 0, Math.round(seconds * 1e9));
        return this;
    }

    int rgb(int x, int y) {
        return pixels[y * width + x];
    }

    /** How many pixels have exactly this colour. */
    int count(int rgb) {
        int count = 0;
        for (int pixel : pixels) {
            count += pixel == rgb ? 1 : 0;
        }
        return count;
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
        if (x >= 0 && x < width && y >= 0 && y < height) {
            pixels[y * width + x] = clamp(red) << 16 | clamp(green) << 8 | clamp(blue);
        }
    }

    @Override
    public void fill(int red, int green, int blue) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                set(x, y, red, green, blue);
            }
        }
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
