package io.kinglet.led.animations.internal;

import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Canvas;
import io.kinglet.led.api.Playback;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The device's state at a glance, told apart by colour and by rhythm (for colour-blind readers and
 * single-colour strips): ok breathes slowly in dim green, warn blinks amber once a second, error
 * blinks red twice a second, busy runs a blue dot around the border.
 */
@Component(
        service = Animation.class,
        property = {Animation.NAME + "=status", Animation.DESCRIPTION + "=Device state: ok, warn, error or busy"})
public final class Status implements Animation {

    private static final List<String> STATES = List.of("ok", "warn", "error", "busy");

    private static final Map<String, String> PARAMETERS =
            Parameters.describe("state", "one of " + String.join(", ", STATES) + " (default ok)");

    /** Quarter-brightness green: "ok" should not draw the eye. */
    private static final int DIM_GREEN = 0x004000;

    private static final int AMBER = 0xffbf00;
    private static final int RED = 0xff0000;
    private static final int BLUE = 0x0000ff;

    /** Pixels per second the busy dot moves: a lap of an 8x8 border in under two seconds. */
    private static final double CHASE_SPEED = 16;

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Playback start(Map<String, String> parameters, int width, int height) {
        String state = new Parameters(parameters, PARAMETERS).choice("state", "ok", STATES);
        return switch (state) {
            case "ok" -> (canvas, frame, nanos) -> Rgb.fill(canvas, Rgb.scale(DIM_GREEN, Pulse.breath(nanos, 4, 0.2)));
            case "warn" -> blink(AMBER, 1_000_000_000L);
            case "error" -> blink(RED, 500_000_000L);
            default -> chase(border(width, height), width);
        };
    }

    /** On for the first half of each period, off (black) for the second. */
    private static Playback blink(int colour, long periodNanos) {
        return (canvas, frame, nanos) -> Rgb.fill(canvas, nanos % periodNanos < periodNanos / 2 ? colour : 0);
    }

    /** A dot with a fading two-pixel tail running along {@code path} (pixel indices in reading order). */
    private static Playback chase(int[] path, int width) {
        int dimTail = Rgb.scale(BLUE, 0.15);
        int brightTail = Rgb.scale(BLUE, 0.4);
        return (canvas, frame, nanos) -> {
            int head = (int) ((long) (CHASE_SPEED * nanos / 1e9) % path.length);
            Rgb.fill(canvas, 0);
            // tail first: on a path shorter than the tail the head must stay on top
            set(canvas, path[Math.floorMod(head - 2, path.length)], width, dimTail);
            set(canvas, path[Math.floorMod(head - 1, path.length)], width, brightTail);
            set(canvas, path[head], width, BLUE);
        };
    }

    private static void set(Canvas canvas, int index, int width, int rgb) {
        Rgb.set(canvas, index % width, index / width, rgb);
    }

    /**
     * The border pixels clockwise from the top left, as indices in reading order; a strip or a single
     * column is its own border, run from one end to the other.
     */
    static int[] border(int width, int height) {
        if (width == 1 || height == 1) {
            int[] all = new int[width * height];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] path = new int[2 * width + 2 * height - 4];
        int i = 0;
        for (int x = 0; x < width; x++) {
            path[i++] = x;
        }
        for (int y = 1; y < height; y++) {
            path[i++] = y * width + width - 1;
        }
        for (int x = width - 2; x >= 0; x--) {
            path[i++] = (height - 1) * width + x;
        }
        for (int y = height - 2; y > 0; y--) {
            path[i++] = y * width;
        }
        return path;
    }
}
