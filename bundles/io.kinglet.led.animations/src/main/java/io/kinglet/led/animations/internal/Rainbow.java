package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Playback;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Diagonal rainbow bands travelling from the top left to the bottom right: the hue of a pixel is the
 * time term minus its distance along the diagonal, so every pixel runs red → yellow → green → … and
 * its neighbour down-right shows the same a moment later.
 */
@Component(
        service = Animation.class,
        property = {Animation.NAME + "=rainbow", Animation.DESCRIPTION + "=A rainbow moving diagonally"})
public final class Rainbow implements Animation {

    private static final Map<String, String> PARAMETERS = Parameters.describe(
            "speed", "hue cycles per second, 0..10 (default 0.25)",
            "spread", "hue turns across the canvas width + height, 0..10 (default 1.0)");

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Playback start(Map<String, String> parameters, int width, int height) {
        Parameters given = new Parameters(parameters, PARAMETERS);
        double speed = given.number("speed", 0.25, 0, 10);
        double turnsPerPixel = given.number("spread", 1.0, 0, 10) / (width + height);
        return (canvas, frame, nanos) -> {
            double turns = speed * nanos / 1e9;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    Rgb.set(canvas, x, y, Rgb.hue(turns - turnsPerPixel * (x + y)));
                }
            }
        };
    }
}
