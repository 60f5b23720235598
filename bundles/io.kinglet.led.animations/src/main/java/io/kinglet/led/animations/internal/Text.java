package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Playback;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Text entering at the right edge and scrolling out to the left, again and again. Each pass starts
 * with the canvas empty, so a reader sees where the text begins.
 */
@Component(
        service = Animation.class,
        property = {Animation.NAME + "=text", Animation.DESCRIPTION + "=Text scrolling from right to left"})
public final class Text implements Animation {

    private static final Map<String, String> PARAMETERS = Parameters.describe(
            "text", "the text to scroll (required)",
            "color", "text colour, rrggbb hex (default ffffff)",
            "background", "background colour, rrggbb hex (default 000000)",
            "speed", "pixels per second, 1..200 (default 8)");

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Playback start(Map<String, String> parameters, int width, int height) {
        Parameters given = new Parameters(parameters, PARAMETERS);
        int[] columns = Font.columns(given.requiredText("text", "the text to scroll"));
        int colour = given.colour("color", 0xffffff);
        int background = given.colour("background", 0x000000);
        double speed = given.number("speed", 8, 1, 200);
        // on a canvas lower than the font, the middle rows show
        int top = (height - Font.HEIGHT) / 2;
        int firstRow = Math.max(0, -top);
        int lastRow = Math.min(Font.HEIGHT, height - top);
        // one pass: the text's first column goes from just outside the right edge to the left edge,
        // then its last column leaves
        int pass = width + columns.length;
        return (canvas, frame, nanos) -> {
            int scrolled = (int) ((long) (speed * nanos / 1e9) % pass);
            int firstColumnX = width - scrolled;
            Rgb.fill(canvas, background);
            for (int x = Math.max(0, firstColumnX); x < width && x - firstColumnX < columns.length; x++) {
                int column = columns[x - firstColumnX];
                for (int row = firstRow; row < lastRow; row++) {
                    if ((column & 1 << row) != 0) {
                        Rgb.set(canvas, x, top + row, colour);
                    }
                }
            }
        };
    }
}
