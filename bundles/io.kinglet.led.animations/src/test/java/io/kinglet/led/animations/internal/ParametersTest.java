package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.led.api.Animation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ParametersTest {

    private static String refusal(Executable start) {
        return assertThrows(IllegalArgumentException.class, start).getMessage();
    }

    @Test
    void aColourIsRrggbbHexWithOrWithoutAHash() {
        Parameters given = new Parameters(Map.of("a", "#FF8800", "b", " 0a0b0c "), Map.of("a", "", "b", ""));

        assertEquals(0xff8800, given.colour("a", 0));
        assertEquals(0x0a0b0c, given.colour("b", 0));
        assertEquals(0x123456, given.colour("c", 0x123456));
    }

    @Test
    void aBadColourIsRefusedNamingParameterValueAndFormat() {
        assertEquals(
                "color: 'zz0000' is not a colour (rrggbb hex, e.g. ff8800)",
                refusal(() -> start(new Solid(), 8, 8, "color", "zz0000")));
        assertEquals(
                "background: 'fff' is not a colour (rrggbb hex, e.g. ff8800)",
                refusal(() -> start(new Text(), 8, 8, "text", "hi", "background", "fff")));
    }

    @Test
    void aNumberMustBeANumberInItsRange() {
        assertEquals(
                "period: 'slow' is not a number (0.1..60)", refusal(() -> start(new Pulse(), 8, 8, "period", "slow")));
        assertEquals(
                "period: 'NaN' is not a number (0.1..60)", refusal(() -> start(new Pulse(), 8, 8, "period", "NaN")));
        assertEquals("min: 1.5 is outside 0..1", refusal(() -> start(new Pulse(), 8, 8, "min", "1.5")));
        assertEquals("speed: -1 is outside 0..10", refusal(() -> start(new Rainbow(), 8, 8, "speed", "-1")));
    }

    @Test
    void anUnknownParameterIsRefusedListingTheAcceptedOnes() {
        assertEquals(
                "unknown parameter 'colour' (accepted: color, period, min)",
                refusal(() -> start(new Pulse(), 8, 8, "colour", "ff0000")));
        assertEquals(
                "unknown parameters 'size', 'x' (accepted: color)",
                refusal(() -> start(new Solid(), 8, 8, "x", "1", "size", "2")));
    }

    @Test
    void everyAnimationDescribesEachParameterWithItsDefault() {
        for (Animation animation :
                List.of(new Solid(), new Rainbow(), new Pulse(), new Text(), new Progress(), new Status())) {
            assertFalse(animation.parameters().isEmpty());
            animation
                    .parameters()
                    .forEach((name, description) -> assertTrue(
                            description.matches(".+ \\((default [^)]+|required)\\)"), name + ": " + description));
        }
    }
}
