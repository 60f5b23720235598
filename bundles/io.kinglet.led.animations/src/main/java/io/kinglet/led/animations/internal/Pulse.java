package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Playback;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** The whole canvas breathing in one colour, from a brightness floor up to full and back. */
@Component(
        service = Animation.class,
        property = {Animation.NAME + "=pulse", Animation.DESCRIPTION + "=The whole canvas breathing in one colour"})
public final class Pulse implements Animation {

    private static final Map<String, String> PARAMETERS = Parameters.describe(
            "color", "the colour at full brightness, rrggbb hex (default 0000ff)",
            "period", "seconds per breath, 0.1..60 (default 2.0)",
            "min", "brightness floor, 0..1 (default 0.1)");

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Playback start(Map<String, String> parameters, int width, int height) {
        Parameters given = new Parameters(parameters, PARAMETERS);
        int colour = given.colour("color", 0x0000ff);
        double period = given.number("period", 2.0, 0.1, 60);
        double floor = given.number("min", 0.1, 0, 1);
        return (canvas, frame, nanos) -> Rgb.fill(canvas, Rgb.scale(colour, breath(nanos, period, floor)));
    }

    /**
     * Brightness at {@code nanos}: {@code floor} at the start of each period, 1 half way. A raised cosine
     * rather than a triangle, so the turn at either end is smooth instead of a visible bounce.
     */
    static double breath(long nanos, double period, double floor) {
        double phase = nanos / 1e9 / period;
        return floor + (1 - floor) * (1 - Math.cos(2 * Math.PI * phase)) / 2;
    }
}
