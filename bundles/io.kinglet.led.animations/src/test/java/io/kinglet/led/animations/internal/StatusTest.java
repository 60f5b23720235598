package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinglet.led.api.Playback;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void warnBlinksAmberOnceASecond() {
        Playback warn = start(new Status(), 8, 8, "state", "warn");

        assertEquals(64, new TestCanvas(8, 8).at(warn, 0.25).count(0xffbf00));
        assertEquals(64, new TestCanvas(8, 8).at(warn, 0.75).count(0));
        assertEquals(64, new TestCanvas(8, 8).at(warn, 1.25).count(0xffbf00));
    }

    @Test
    void errorBlinksRedTwiceASecond() {
        Playback error = start(new Status(), 8, 8, "state", "error");

        assertEquals(64, new TestCanvas(8, 8).at(error, 0.1).count(0xff0000));
        assertEquals(64, new TestCanvas(8, 8).at(error, 0.35).count(0));
        assertEquals(64, new TestCanvas(8, 8).at(error, 0.6).count(0xff0000));
    }

    @Test
    void okIsADimGreenBreathAndTheDefault() {
        Playback ok = start(new Status(), 8, 8);

        int low = new TestCanvas(8, 8).at(ok, 0).rgb(0, 0);
        int high = new TestCanvas(8, 8).at(ok, 2).rgb(0, 0);
        assertEquals(0x000d00, low);
        assertEquals(0x004000, high);
    }

    @Test
    void busyRunsOneBlueDotClockwiseAroundTheBorder() {
        Playback busy = start(new Status(), 8, 8, "state", "busy");

        // 16 pixels a second: the head is on the top row at first, on the right column after 0.5 s
        TestCanvas start = new TestCanvas(8, 8).at(busy, 0);
        assertEquals(1, start.count(0x0000ff));
        assertEquals(0x0000ff, start.rgb(0, 0));
        TestCanvas later = new TestCanvas(8, 8).at(busy, 0.5);
        assertEquals(1, later.count(0x0000ff));
        assertEquals(0x0000ff, later.rgb(7, 1));
        assertNotEquals(0, later.rgb(7, 0), "a tail follows the dot");
        assertEquals(0, later.rgb(3, 3), "the inside stays dark");
    }

    @Test
    void theBorderOfAMatrixGoesClockwiseAndOfAStripAlongIt() {
        assertArrayEquals(new int[] {0, 1, 2, 5, 8, 7, 6, 3}, Status.border(3, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3}, Status.border(4, 1));
        assertEquals(28, Status.border(8, 8).length);
    }

    @Test
    void refusesAnUnknownState() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> start(new Status(), 8, 8, "state", "fine"));

        assertEquals("state: 'fine' is not one of ok, warn, error, busy", refused.getMessage());
    }
}
