package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinglet.led.api.Playback;
import org.junit.jupiter.api.Test;

class PulseTest {

    private final Playback pulse = start(new Pulse(), 8, 8, "color", "0000ff", "period", "2", "min", "0.1");

    @Test
    void startsAtTheBrightnessFloor() {
        // 10 % of 255, rounded
        assertEquals(64, new TestCanvas(8, 8).at(pulse, 0).count(0x00001a));
    }

    @Test
    void isFullyBrightHalfWayThroughThePeriod() {
        assertEquals(64, new TestCanvas(8, 8).at(pulse, 1).count(0x0000ff));
    }

    @Test
    void isBackAtTheFloorAfterAWholePeriod() {
        assertEquals(64, new TestCanvas(8, 8).at(pulse, 2).count(0x00001a));
    }

    @Test
    void risesSmoothlyInBetween() {
        int quarter = new TestCanvas(8, 8).at(pulse, 0.5).rgb(0, 0);

        assertEquals(Math.round(255 * 0.55), quarter);
    }
}
