package io.kinglet.led.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.event.Event;

/** What one reaction configuration means for an event: start an instance, end one, or nothing. */
record ReactionRule(
        String name,
        String[] topics,
        String[] endTopics,
        String key,
        Optional<Filter> filter,
        Selection selection,
        int priority,
        Optional<Duration> duration) {

    /** The rule of a configuration; a filter or parameter that does not parse is refused, naming it. */
    static ReactionRule of(String name, ReactionConfiguration config) {
        Optional<Filter> filter = Optional.empty();
        if (!config.filter().isBlank()) {
            try {
                filter = Optional.of(FrameworkUtil.createFilter(config.filter().strip()));
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(
                        "filter '" + config.filter() + "' is not an LDAP filter: " + e.getMessage(), e);
            }
        }
        return new ReactionRule(
                name,
                config.topics(),
                config.endTopics(),
                config.key().strip(),
                filter,
                Selection.of(config.animation().strip(), Arrays.asList(config.parameters())),
                config.priority(),
                config.seconds() > 0 ? Optional.of(Duration.ofSeconds(config.seconds())) : Optional.empty());
    }

    void handle(Event event, Reactions reactions) {
        String topic = event.getTopic();
        String instance = key.isEmpty() ? "" : String.valueOf(event.getProperty(key));
        if (matches(topics, topic) && filter.map(event::matches).orElse(true)) {
            reactions.react(name, instance, selection, priority, duration);
        } else if (matches(endTopics, topic)) {
            reactions.endReaction(name, instance, topic);
        }
    }

    /** Event Admin's topic rule: exact, or a prefix ending in {@code /*}. */
    static boolean matches(String[] patterns, String topic) {
        for (String pattern : patterns) {
            if (pattern.equals(topic)
                    || pattern.equals("*")
                    || (pattern.endsWith("/*") && topic.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
