package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final int GREEN = 0x00ff00;
    private static final int GREY = 0x101010;

    private static TestCanvas progress(int width, int height, String percent) {
        return new TestCanvas(width, height).at(start(new Progress(), width, height, "percent", percent), 0);
    }

    @Test
    void zeroPercentIsAllBackground() {
        assertEquals(64, progress(8, 8, "0").count(GREY));
        assertEquals(10, progress(10, 1, "0").count(GREY));
    }

    @Test
    void aHundredPercentIsAllBar() {
        assertEquals(64, progress(8, 8, "100").count(GREEN));
        assertEquals(10, progress(10, 1, "100").count(GREEN));
    }

    @Test
    void halfOfAMatrixIsItsTopFourRows() {
        TestCanvas canvas = progress(8, 8, "50");

        assertEquals(32, canvas.count(GREEN));
        assertEquals(GREEN, canvas.rgb(7, 3));
        assertEquals(GREY, canvas.rgb(0, 4));
    }

    @Test
    void halfOfATenPixelStripIsFivePixels() {
        TestCanvas canvas = progress(10, 1, "50");

        assertEquals(5, canvas.count(GREEN));
        assertEquals(GREEN, canvas.rgb(4, 0));
        assertEquals(GREY, canvas.rgb(5, 0));
    }

    @Test
    void thePixelWhereTheBarEndsShowsTheFractionItCovers() {
        TestCanvas canvas = progress(10, 1, "55");

        assertEquals(5, canvas.count(GREEN));
        // half way from 101010 to 00ff00
        assertEquals(0x088808, canvas.rgb(5, 0));
        assertEquals(4, canvas.count(GREY));
    }

    @Test
    void refusesAPercentOutsideTheRange() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> progress(8, 8, "150"));

        assertEquals("percent: 150 is outside 0..100", refused.getMessage());
    }

    @Test
    void needsAPercent() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> start(new Progress(), 8, 8));

        assertEquals("percent: missing (a number 0..100)", refused.getMessage());
    }
}
