package io.kinglet.led.internal;

/** A frame as 24-bit ANSI colour blocks, two characters per pixel so that pixels look square. */
final class TerminalPreview {

    private TerminalPreview() {}

    static String render(int[] rgb, int width, int height) {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                out.append("\u001b[48;2;")
                        .append(rgb[i])
                        .append(';')
                        .append(rgb[i + 1])
                        .append(';')
                        .append(rgb[i + 2])
                        .append("m  ");
            }
            out.append("\u001b[0m\n");
        }
        return out.toString();
    }
}
