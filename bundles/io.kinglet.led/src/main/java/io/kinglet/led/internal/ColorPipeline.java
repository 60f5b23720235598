package io.kinglet.led.internal;

/**
 * From what an animation drew to what the LEDs get: each value clamped to 0–255 (an animation's
 * arithmetic never reaches the hardware out of range), scaled by brightness, gamma-corrected through a
 * table, and moved to where the rotation puts it. Everything is precomputed; {@link #apply} allocates
 * nothing.
 */
final class ColorPipeline {

    private final int width;
    private final int height;
    /** For each output pixel, the canvas pixel it shows. */
    private final int[] source;

    private final int[] table = new int[256];
    private final double gamma;
    private volatile int brightness;

    ColorPipeline(int width, int height, int rotation, int brightness, double gamma) {
        if (width != height && (rotation == 90 || rotation == 270)) {
            throw new IllegalArgumentException(
                    "rotation " + rotation + " needs a square output, not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.gamma = gamma;
        this.source = rotation(width, height, rotation);
        brightness(brightness);
    }

    private static int[] rotation(int width, int height, int rotation) {
        int[] source = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // the canvas pixel that lands at output (x, y) when the picture is turned clockwise
                int sx;
                int sy;
                switch (rotation) {
                    case 0 -> {
                        sx = x;
                        sy = y;
                    }
                    case 90 -> {
                        sx = y;
                        sy = width - 1 - x;
                    }
                    case 180 -> {
                        sx = width - 1 - x;
                        sy = height - 1 - y;
                    }
                    case 270 -> {
                        sx = height - 1 - y;
                        sy = x;
                    }
                    default -> throw new IllegalArgumentException("rotation " + rotation + " is not 0, 90, 180 or 270");
                }
                source[y * width + x] = sy * width + sx;
            }
        }
        return source;
    }

    /** Sets the brightness (0–100 %) and recomputes the table; takes effect from the next frame. */
    synchronized void brightness(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("brightness " + percent + " is outside 0..100 %");
        }
        for (int v = 0; v < 256; v++) {
            double scaled = v * percent / 100.0 / 255.0;
            table[v] = (int) Math.round(255.0 * Math.pow(scaled, gamma));
        }
        brightness = percent;
    }

    int brightness() {
        return brightness;
    }

    /** Writes the corrected frame into {@code out}: red, green, blue per output pixel, row by row. */
    synchronized void apply(Pixels canvas, int[] out) {
        for (int i = 0; i < source.length; i++) {
            int from = source[i];
            out[3 * i] = table[clamp(canvas.channel(from, 0))];
            out[3 * i + 1] = table[clamp(canvas.channel(from, 1))];
            out[3 * i + 2] = table[clamp(canvas.channel(from, 2))];
        }
    }

    static int clamp(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }
}
