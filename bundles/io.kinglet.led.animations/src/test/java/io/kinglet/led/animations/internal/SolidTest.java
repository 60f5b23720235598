package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SolidTest {

    @Test
    void fillsEveryPixelWithTheGivenColour() {
        TestCanvas canvas = new TestCanvas(8, 8).at(start(new Solid(), 8, 8, "color", "#ff8800"), 0);

        assertEquals(64, canvas.count(0xff8800));
    }

    @Test
    void isWhiteByDefault() {
        TestCanvas canvas = new TestCanvas(10, 1).at(start(new Solid(), 10, 1), 3);

        assertEquals(10, canvas.count(0xffffff));
    }
}
