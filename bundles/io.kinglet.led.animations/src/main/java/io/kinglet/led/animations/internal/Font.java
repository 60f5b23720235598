package io.kinglet.led.animations.internal;

/**
 * A 7-pixel-high proportional bitmap font, so that text fits an 8-pixel-high matrix. Each glyph is
 * drawn below as its rows, top to bottom ('#' lit), and kept as column bitmasks (bit 0 = top row)
 * because text scrolls column by column. Lower case is shown as upper case; any other character
 * without a glyph (control characters, accents, emoji…) shows as a box rather than disappearing.
 */
final class Font {

    /** Rows per glyph. */
    static final int HEIGHT = 7;

    private static final int[][] GLYPHS = new int[128][];

    private static final int[] BOX = parse("#####", "#...#", "#...#", "#...#", "#...#", "#...#", "#####");

    static {
        glyph('A', ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#");
        glyph('B', "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.");
        glyph('C', ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.");
        glyph('D', "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.");
        glyph('E', "#####", "#....", "#....", "####.", "#....", "#....", "#####");
        glyph('F', "#####", "#....", "#....", "####.", "#....", "#....", "#....");
        glyph('G', ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####");
        glyph('H', "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#");
        glyph('I', "###", ".#.", ".#.", ".#.", ".#.", ".#.", "###");
        glyph('J', "..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##..");
        glyph('K', "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#");
        glyph('L', "#....", "#....", "#....", "#....", "#....", "#....", "#####");
        glyph('M', "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#");
        glyph('N', "#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#");
        glyph('O', ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.");
        glyph('P', "####.", "#...#", "#...#", "####.", "#....", "#....", "#....");
        glyph('Q', ".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#");
        glyph('R', "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#");
        glyph('S', ".####", "#....", "#....", ".###.", "....#", "....#", "####.");
        glyph('T', "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..");
        glyph('U', "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.");
        glyph('V', "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..");
        glyph('W', "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.");
        glyph('X', "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#");
        glyph('Y', "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..");
        glyph('Z', "#####", "....#", "...#.", "..#..", ".#...", "#....", "#####");
        glyph('0', ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.");
        glyph('1', ".#.", "##.", ".#.", ".#.", ".#.", ".#.", "###");
        glyph('2', ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####");
        glyph('3', "####.", "....#", "....#", ".###.", "....#", "....#", "####.");
        glyph('4', "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.");
        glyph('5', "#####", "#....", "####.", "....#", "....#", "#...#", ".###.");
        glyph('6', "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.");
        glyph('7', "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...");
        glyph('8', ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.");
        glyph('9', ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..");
        glyph(' ', "..", "..", "..", "..", "..", "..", "..");
        glyph('.', ".", ".", ".", ".", ".", ".", "#");
        glyph(',', "..", "..", "..", "..", "..", ".#", "#.");
        glyph(':', ".", ".", "#", ".", ".", "#", ".");
        glyph(';', "..", "..", ".#", "..", "..", ".#", "#.");
        glyph('!', "#", "#", "#", "#", "#", ".", "#");
        glyph('?', ".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#..");
        glyph('-', "...", "...", "...", "###", "...", "...", "...");
        glyph('+', ".....", "..#..", "..#..", "#####", "..#..", "..#..", ".....");
        glyph('%', "##..#", "##..#", "...#.", "..#..", ".#...", "#..##", "#..##");
        glyph('/', "....#", "....#", "...#.", "..#..", ".#...", "#....", "#....");
        glyph('\'', "#", "#", ".", ".", ".", ".", ".");
        glyph('(', "..#", ".#.", "#..", "#..", "#..", ".#.", "..#");
        glyph(')', "#..", ".#.", "..#", "..#", "..#", ".#.", "#..");
    }

    private Font() {}

    /**
     * The columns of {@code text} as drawn, left to right, one blank column between glyphs: bit
     * {@code r} of a column is row {@code r} from the top.
     */
    static int[] columns(String text) {
        int[][] glyphs = text.codePoints().mapToObj(Font::glyphOf).toArray(int[][]::new);
        int width = glyphs.length - 1;
        for (int[] glyph : glyphs) {
            width += glyph.length;
        }
        int[] columns = new int[Math.max(width, 0)];
        int x = 0;
        for (int[] glyph : glyphs) {
            System.arraycopy(glyph, 0, columns, x, glyph.length);
            x += glyph.length + 1;
        }
        return columns;
    }

    private static int[] glyphOf(int codePoint) {
        int shown = codePoint >= 'a' && codePoint <= 'z' ? codePoint - 'a' + 'A' : codePoint;
        return shown < GLYPHS.length && GLYPHS[shown] != null ? GLYPHS[shown] : BOX;
    }

    private static void glyph(char character, String... rows) {
        GLYPHS[character] = parse(rows);
    }

    private static int[] parse(String... rows) {
        int[] columns = new int[rows[0].length()];
        for (int row = 0; row < HEIGHT; row++) {
            for (int x = 0; x < columns.length; x++) {
                if (rows[row].charAt(x) == '#') {
                    columns[x] |= 1 << row;
                }
            }
        }
        return columns;
    }
}
