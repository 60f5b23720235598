package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinglet.led.api.Playback;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextTest {

    private static final int WHITE = 0xffffff;
    private static final int NAVY = 0x000080;

    @Test
    void startsWithAnEmptyCanvas() {
        Playback text = start(new Text(), 8, 8, "text", "I", "background", "000080");

        assertEquals(64, new TestCanvas(8, 8).at(text, 0).count(NAVY));
    }

    @Test
    void theFirstColumnEntersAtTheRightEdgeAfterOnePixelsWorthOfTime() {
        Playback text = start(new Text(), 8, 8, "text", "I", "background", "000080", "speed", "8");

        assertEquals(64, new TestCanvas(8, 8).at(text, 0.124).count(NAVY), "not yet at 8 px/s");
        TestCanvas canvas = new TestCanvas(8, 8).at(text, 0.125);
        // the first column of 'I' is its top and bottom serif, on rows 0 and 6 (7 rows centred in 8)
        assertEquals(WHITE, canvas.rgb(7, 0));
        assertEquals(WHITE, canvas.rgb(7, 6));
        assertEquals(62, canvas.count(NAVY), "everything else is background");
    }

    @Test
    void theWholeGlyphShowsOnceScrolledIn() {
        Playback text = start(new Text(), 8, 8, "text", "I", "speed", "8");

        // 'I' is three columns wide: after 3 pixels it occupies x = 5..7
        TestCanvas canvas = new TestCanvas(8, 8).at(text, 3 / 8.0);
        assertEquals(WHITE, canvas.rgb(6, 0));
        assertEquals(WHITE, canvas.rgb(6, 3));
        assertEquals(WHITE, canvas.rgb(6, 6));
        assertEquals(0, canvas.rgb(6, 7));
        assertEquals(3 + 5 + 3, 64 - canvas.count(0), "top serif, stem, bottom serif and nothing else");
    }

    @Test
    void repeatsOnceTheTextHasLeftTheCanvas() {
        Playback text = start(new Text(), 8, 8, "text", "I", "speed", "8");

        // a pass is the canvas width plus the text width: 8 + 3 pixels
        assertEquals(64, new TestCanvas(8, 8).at(text, 11 / 8.0).count(0));
        TestCanvas again = new TestCanvas(8, 8).at(text, 12 / 8.0);
        assertEquals(WHITE, again.rgb(7, 0));
        assertEquals(WHITE, again.rgb(7, 6));
    }

    @Test
    void anUnknownCharacterShowsAsABox() {
        Playback text = start(new Text(), 8, 8, "text", "\u20ac", "speed", "8");

        // scrolled 8 pixels: the 5x7 box sits at x = 0..4, rows 0..6
        TestCanvas canvas = new TestCanvas(8, 8).at(text, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(WHITE, canvas.rgb(i, 0), "top edge");
            assertEquals(WHITE, canvas.rgb(i, 6), "bottom edge");
        }
        for (int y = 0; y < 7; y++) {
            assertEquals(WHITE, canvas.rgb(0, y), "left edge");
            assertEquals(WHITE, canvas.rgb(4, y), "right edge");
        }
        assertEquals(0, canvas.rgb(2, 3), "hollow");
        assertEquals(20, 64 - canvas.count(0));
    }

    @Test
    void lowerCaseIsShownAsUpperCase() {
        assertArrayEquals(Font.columns("HELLO, WORLD!"), Font.columns("Hello, world!"));
    }

    @Test
    void everyCharacterTheBriefPromisesHasItsOwnGlyph() {
        int[] box = Font.columns("\u20ac");
        String promised = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:!?-+%/'();";
        for (char c : promised.toCharArray()) {
            assertFalse(Arrays.equals(box, Font.columns(String.valueOf(c))), "glyph for " + c);
        }
    }

    @Test
    void refusesEmptyText() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> start(new Text(), 8, 8, "text", ""));

        assertEquals("text: missing or empty (the text to scroll)", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> start(new Text(), 8, 8));
    }
}
