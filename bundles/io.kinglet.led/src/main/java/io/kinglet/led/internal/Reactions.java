package io.kinglet.led.internal;

import java.time.Duration;
import java.util.Optional;

/** What a {@link Reaction} tells the animator. */
interface Reactions {

    /** The reaction's instance for {@code key} starts playing {@code selection}, for {@code duration} if given. */
    void react(String reaction, String key, Selection selection, int priority, Optional<Duration> duration);

    /** The instance ends; {@code why} is the topic that ended it, for the log. */
    void endReaction(String reaction, String key, String why);

    /** The reaction's configuration is gone: its instances end. */
    void removeReaction(String reaction);
}
