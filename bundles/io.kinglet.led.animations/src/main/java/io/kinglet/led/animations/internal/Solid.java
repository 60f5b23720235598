package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Playback;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** One colour on every pixel: the simplest thing to show, and a check that the wiring is right. */
@Component(
        service = Animation.class,
        property = {Animation.NAME + "=solid", Animation.DESCRIPTION + "=The whole canvas in one colour"})
public final class Solid implements Animation {

    private static final Map<String, String> PARAMETERS =
            Parameters.describe("color", "the colour, rrggbb hex (default ffffff)");

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Playback start(Map<String, String> parameters, int width, int height) {
        int colour = new Parameters(parameters, PARAMETERS).colour("color", 0xffffff);
        return (canvas, frame, nanos) -> Rgb.fill(canvas, colour);
    }
}
