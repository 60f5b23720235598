package io.kinglet.led.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The LED animator itself, as a service: what {@code led:list}, {@code led:play} and {@code led:stop}
 * do, for a bundle that shows or drives the LEDs (the web console's LED page) without the shell.
 */
@ProviderType
public interface Animator {

    /** Every animation by name, each with its parameters (name to a short description with the default). */
    Map<String, Map<String, String>> animations();

    /** What plays now, e.g. {@code rainbow speed=2}; empty when the LEDs are dark. */
    String playing();

    /**
     * Plays an animation now, as {@code led:play} does.
     *
     * @param parameters {@code key=value} words, e.g. {@code color=ff0000}, as {@code led:play} takes them
     * @throws IllegalArgumentException naming the animation or parameter that is wrong; nothing changes
     * @throws IllegalStateException when the animation failed to start; nothing changes
     */
    void play(String name, List<String> parameters);

    /** Stops the animation and any reaction: the LEDs go dark until the next {@link #play}. */
    void stop();

    int width();

    int height();

    /**
     * The frame on the LEDs now, as the output got it (after brightness, gamma and rotation): red,
     * green and blue (0–255) of each pixel, row by row from the top left. A copy.
     */
    int[] frame();
}
