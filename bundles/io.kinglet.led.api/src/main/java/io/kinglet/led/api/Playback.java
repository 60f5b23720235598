package io.kinglet.led.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of an {@link Animation}. The frame loop calls {@link #render} once per frame from its own
 * thread, on a deadline: a render that throws, or repeatedly takes longer than one frame, gets the
 * animation replaced by a safe fallback.
 */
@ConsumerType
@FunctionalInterface
public interface Playback {

    /**
     * Draws frame {@code frame} (0, 1, 2, … counted from the start of this run; frames skipped after
     * an overrun are not rendered) at {@code nanos} nanoseconds after the start. The canvas still holds
     * the previous frame. Should not allocate or block: it runs up to 60 times a second.
     */
    void render(Canvas canvas, long frame, long nanos);
}
