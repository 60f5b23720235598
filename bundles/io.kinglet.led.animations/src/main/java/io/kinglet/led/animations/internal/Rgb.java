package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Canvas;

/** Colours as packed {@code 0xrrggbb} ints, so that rendering works on primitives and never allocates. */
final class Rgb {

    private Rgb() {}

    static int red(int rgb) {
        return rgb >>> 16 & 0xff;
    }

    static int green(int rgb) {
        return rgb >>> 8 & 0xff;
    }

    static int blue(int rgb) {
        return rgb & 0xff;
    }

    static int of(int red, int green, int blue) {
        return red << 16 | green << 8 | blue;
    }

    /** {@code rgb} at {@code brightness} (0..1) of its full value. */
    static int scale(int rgb, double brightness) {
        return blend(0, rgb, brightness);
    }

    /** The colour {@code amount} (0..1) of the way from {@code from} to {@code to}, channel by channel. */
    static int blend(int from, int to, double amount) {
        return of(
                mix(red(from), red(to), amount),
                mix(green(from), green(to), amount),
                mix(blue(from), blue(to), amount));
    }

    private static int mix(int from, int to, double amount) {
        return (int) Math.round(from + (to - from) * amount);
    }

    /**
     * The fully saturated, full-value colour of hue {@code turns} (HSV with S = V = 1; 0 is red, 1/3
     * green, 2/3 blue; any real number, only its fraction counts).
     */
    static int hue(double turns) {
        double sixths = (turns - Math.floor(turns)) * 6;
        int sector = (int) sixths;
        int rising = (int) Math.round(255 * (sixths - sector));
        int falling = 255 - rising;
        // sixths can round up to exactly 6.0 for a tiny negative fraction: that is red again
        return switch (sector % 6) {
            case 0 -> of(255, rising, 0);
            case 1 -> of(falling, 255, 0);
            case 2 -> of(0, 255, rising);
            case 3 -> of(0, falling, 255);
            case 4 -> of(rising, 0, 255);
            default -> of(255, 0, falling);
        };
    }

    static void fill(Canvas canvas, int rgb) {
        canvas.fill(red(rgb), green(rgb), blue(rgb));
    }

    static void set(Canvas canvas, int x, int y, int rgb) {
        canvas.set(x, y, red(rgb), green(rgb), blue(rgb));
    }
}
