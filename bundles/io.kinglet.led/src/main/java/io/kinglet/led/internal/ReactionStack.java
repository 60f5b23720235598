package io.kinglet.led.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The reactions playing now: the highest priority shows, the latest started among equals; each ends
 * by its end event or when it expires. Not thread-safe: the animator holds its lock.
 */
final class ReactionStack {

    /** One instance of a reaction: which one, for which key value (e.g. a deployment), what to play. */
    record Active(String reaction, String key, Selection selection, int priority, long order, Optional<Instant> until) {

        String describe() {
            return "reaction '" + reaction + "'" + (key.isEmpty() ? "" : " (" + key + ")");
        }
    }

    private final List<Active> active = new ArrayList<>();
    private long started;

    /** Starts (or restarts, with a new expiry) the reaction's instance for {@code key}. */
    void start(String reaction, String key, Selection selection, int priority, Optional<Instant> until) {
        end(reaction, key);
        active.add(new Active(reaction, key, selection, priority, started++, until));
    }

    /** Ends the reaction's instance for {@code key}; true if there was one. */
    boolean end(String reaction, String key) {
        return active.removeIf(a -> a.reaction().equals(reaction) && a.key().equals(key));
    }

    /** Ends every instance of a reaction (its configuration was removed). */
    void endAll(String reaction) {
        active.removeIf(a -> a.reaction().equals(reaction));
    }

    /** What shows at {@code now}, expired instances dropped first. */
    Optional<Active> top(Instant now) {
        active.removeIf(a -> a.until().filter(u -> !u.isAfter(now)).isPresent());
        return active.stream().max(Comparator.comparingInt(Active::priority).thenComparingLong(Active::order));
    }

    /** When the next instance expires, to look again then. */
    Optional<Instant> nextExpiry() {
        return active.stream().flatMap(a -> a.until().stream()).min(Comparator.naturalOrder());
    }

    List<Active> all() {
        return List.copyOf(active);
    }
}
