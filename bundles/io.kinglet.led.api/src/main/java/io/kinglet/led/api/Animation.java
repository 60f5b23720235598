package io.kinglet.led.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An animation the LED animator can play, registered as a service with the {@link #NAME} property.
 *
 * <pre>{@code
 * @Component(property = Animation.NAME + "=blink")
 * public class Blink implements Animation {
 *     public Playback start(Map<String, String> parameters, int width, int height) {
 *         int period = Integer.parseInt(parameters.getOrDefault("frames", "30"));
 *         return (canvas, frame, nanos) -> canvas.fill(frame / period % 2 == 0 ? 255 : 0, 0, 0);
 *     }
 * }
 * }</pre>
 */
@ConsumerType
public interface Animation {

    /** Service property: the name {@code led:play} and the event mapping use; unique among animations. */
    String NAME = "kinglet.led.animation";

    /** Optional service property: one line for {@code led:list}. */
    String DESCRIPTION = "kinglet.led.description";

    /** The parameters {@link #start} understands, name to a short description with the default. */
    default Map<String, String> parameters() {
        return Map.of();
    }

    /**
     * A new run of this animation for a canvas of {@code width} x {@code height} pixels (a strip is
     * N x 1). Called outside the frame loop: work that allocates belongs here, not in
     * {@link Playback#render}.
     *
     * @param parameters as given to {@code led:play} or the configuration, e.g. {@code color=ff0000}
     * @throws IllegalArgumentException naming the parameter that is wrong and why; nothing is played
     */
    Playback start(Map<String, String> parameters, int width, int height);
}
