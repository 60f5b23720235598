package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kinglet.led.api.Playback;
import org.junit.jupiter.api.Test;

class RainbowTest {

    private final Playback rainbow = start(new Rainbow(), 8, 8, "speed", "0.25", "spread", "1");

    @Test
    void changesOverTime() {
        assertNotEquals(
                new TestCanvas(8, 8).at(rainbow, 0).rgb(3, 3),
                new TestCanvas(8, 8).at(rainbow, 1).rgb(3, 3));
    }

    @Test
    void aPixelRunsThroughTheHuesFromRedTowardsGreen() {
        // at 0.25 cycles per second, a sixth of a turn (red to yellow) takes 2/3 s
        assertEquals(0xff0000, new TestCanvas(8, 8).at(rainbow, 0).rgb(0, 0));
        assertEquals(0xffff00, new TestCanvas(8, 8).at(rainbow, 2.0 / 3).rgb(0, 0));
        assertEquals(0x00ff00, new TestCanvas(8, 8).at(rainbow, 4.0 / 3).rgb(0, 0));
    }

    @Test
    void theBandsTravelTowardsTheBottomRight() {
        // one pixel is 1/16 of a turn across 8 + 8 pixels; at 0.25 cycles per second that takes 0.25 s
        TestCanvas before = new TestCanvas(8, 8).at(rainbow, 0);
        TestCanvas after = new TestCanvas(8, 8).at(rainbow, 0.25);

        assertEquals(before.rgb(0, 0), after.rgb(1, 0));
        assertEquals(before.rgb(2, 3), after.rgb(3, 3));
        assertEquals(before.rgb(5, 1), after.rgb(5, 2));
    }
}
