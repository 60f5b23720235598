package io.kinglet.led.internal;

import io.kinglet.led.api.Animation;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Animation services by name. Two with one name: the higher service ranking wins, else the one
 * that came first; the other is ignored with a warning. Not thread-safe: the animator holds its lock.
 */
final class AnimationRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AnimationRegistry.class);

    private record Entry(Animation animation, int ranking) {}

    private final Map<String, Entry> byName = new TreeMap<>();

    /** Adds the service; false when it has no name or loses to one already there. */
    boolean add(Animation animation, Map<String, Object> properties) {
        Object name = properties.get(Animation.NAME);
        if (!(name instanceof String n) || n.isBlank()) {
            LOG.warn("LED: an Animation service without a {} property is ignored: {}", Animation.NAME, animation);
            return false;
        }
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        Entry there = byName.get(n);
        if (there != null && there.ranking() >= ranking) {
            LOG.warn("LED: a second animation named '{}' is ignored while the first is registered", n);
            return false;
        }
        byName.put(n, new Entry(animation, ranking));
        return true;
    }

    /** Removes the service if it is the one known by its name; its name then, else null. */
    String remove(Animation animation, Map<String, Object> properties) {
        Object name = properties.get(Animation.NAME);
        if (name instanceof String n && byName.containsKey(n) && byName.get(n).animation() == animation) {
            byName.remove(n);
            return n;
        }
        return null;
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    Animation get(String name) {
        Entry e = byName.get(name);
        return e == null ? null : e.animation();
    }

    Map<String, Animation> all() {
        Map<String, Animation> all = new TreeMap<>();
        byName.forEach((n, e) -> all.put(n, e.animation()));
        return all;
    }
}
