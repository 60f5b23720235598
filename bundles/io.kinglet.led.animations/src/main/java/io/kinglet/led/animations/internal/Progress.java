package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Playback;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * A bar filling the canvas in reading order (row by row on a matrix, along a strip), so that any
 * shape shows a percentage with its full resolution. The pixel where the bar ends shows the fraction
 * it covers, so small steps are visible even on a short strip.
 */
@Component(
        service = Animation.class,
        property = {Animation.NAME + "=progress", Animation.DESCRIPTION + "=A bar filling the canvas to a percentage"})
public final class Progress implements Animation {

    private static final Map<String, String> PARAMETERS = Parameters.describe(
            "percent", "how far the bar is filled, 0..100 (required)",
            "color", "bar colour, rrggbb hex (default 00ff00)",
            "background", "colour of the rest, rrggbb hex (default 101010)");

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Playback start(Map<String, String> parameters, int width, int height) {
        Parameters given = new Parameters(parameters, PARAMETERS);
        double percent = given.requiredNumber("percent", 0, 100);
        int colour = given.colour("color", 0x00ff00);
        int background = given.colour("background", 0x101010);
        int pixels = width * height;
        // multiplied before dividing: 50 % of 10 pixels is exactly 5.0, not 4.999…
        double lit = percent * pixels / 100;
        int full = (int) lit;
        // dimmed towards the background rather than black, so the end of the bar never looks darker
        // than the empty part
        int partial = Rgb.blend(background, colour, lit - full);
        return (canvas, frame, nanos) -> {
            for (int i = 0; i < pixels; i++) {
                Rgb.set(canvas, i % width, i / width, i < full ? colour : i == full ? partial : background);
            }
        };
    }
}
