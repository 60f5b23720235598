package io.kinglet.led.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What an animation draws against what the output gets: clamping, brightness, gamma, rotation. */
class ColorPipelineTest {

    private static int[] apply(ColorPipeline pipeline, Pixels canvas) {
        int[] out = new int[3 * canvas.count()];
        pipeline.apply(canvas, out);
        return out;
    }

    @Test
    void valuesOutOfRangeAreClampedNotRejected() {
        Pixels canvas = new Pixels(2, 1);
        canvas.set(0, 0, -40, 300, 256);
        canvas.set(1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, 128);

        assertArrayEquals(new int[] {0, 255, 255, 0, 255, 128}, apply(new ColorPipeline(2, 1, 0, 100, 1.0), canvas));
    }

    @Test
    void brightnessScalesAndGammaCorrectsThroughTheTable() {
        Pixels canvas = new Pixels(1, 1);
        canvas.set(0, 0, 255, 128, 0);

        assertArrayEquals(new int[] {128, 64, 0}, apply(new ColorPipeline(1, 1, 0, 50, 1.0), canvas));
        // gamma 2.2 at full brightness: 255 · (128/255)^2.2 = 55.7
        assertArrayEquals(new int[] {255, 56, 0}, apply(new ColorPipeline(1, 1, 0, 100, 2.2), canvas));

        ColorPipeline pipeline = new ColorPipeline(1, 1, 0, 100, 1.0);
        pipeline.brightness(0);
        assertArrayEquals(new int[] {0, 0, 0}, apply(pipeline, canvas));
        assertEquals(
                "brightness 101 is outside 0..100 %",
                assertThrows(IllegalArgumentException.class, () -> pipeline.brightness(101))
                        .getMessage());
    }

    @Test
    void rotationTurnsThePictureClockwise() {
        Pixels canvas = new Pixels(3, 3);
        canvas.set(0, 0, 255, 0, 0); // top left
        canvas.set(2, 0, 0, 255, 0); // top right

        // 90: top left goes to the top right, top right to the bottom right
        int[] turned = apply(new ColorPipeline(3, 3, 90, 100, 1.0), canvas);
        assertEquals(255, turned[3 * 2]); // (2,0) red
        assertEquals(255, turned[3 * 8 + 1]); // (2,2) green
        assertEquals(0, turned[0] + turned[1] + turned[2]); // (0,0) dark

        int[] upsideDown = apply(new ColorPipeline(3, 3, 180, 100, 1.0), canvas);
        assertEquals(255, upsideDown[3 * 8]); // (2,2) red
        assertEquals(255, upsideDown[3 * 6 + 1]); // (0,2) green

        int[] back = apply(new ColorPipeline(3, 3, 270, 100, 1.0), canvas);
        assertEquals(255, back[3 * 6]); // (0,2) red
        assertEquals(255, back[1]); // (0,0) green
    }

    @Test
    void aQuarterTurnOfANonSquareOutputIsRefused() {
        assertEquals(
                "rotation 90 needs a square output, not 10x1",
                assertThrows(IllegalArgumentException.class, () -> new ColorPipeline(10, 1, 90, 100, 1.0))
                        .getMessage());
    }
}
