package io.kinglet.led.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** A reaction's configuration against the events it gets: start, filter, end by key. */
class ReactionTest {

    private final List<String> told = new CopyOnWriteArrayList<>();

    private final Reactions animator = new Reactions() {
        @Override
        public void react(String reaction, String key, Selection selection, int priority, Optional<Duration> duration) {
            told.add("react " + reaction + " " + key + " " + selection + " " + priority + " " + duration.orElse(null));
        }

        @Override
        public void endReaction(String reaction, String key, String why) {
            told.add("end " + reaction + " " + key + " by " + why);
        }

        @Override
        public void removeReaction(String reaction) {
            told.add("remove " + reaction);
        }
    };

    private static ReactionRule rule(String name, Map<String, Object> config) {
        return ReactionRule.of(
                name,
                org.osgi.util.converter.Converters.standardConverter()
                        .convert(config)
                        .to(ReactionConfiguration.class));
    }

    @Test
    void anOtaDeploymentStartsItAndItsCommitEndsIt() {
        ReactionRule ota = rule(
                "ota",
                Map.of(
                        "topics",
                        new String[] {"io/kinglet/ota/RECEIVED"},
                        "endTopics",
                        new String[] {"io/kinglet/ota/COMMITTED", "io/kinglet/ota/ROLLED_BACK"},
                        "key",
                        "deployment",
                        "animation",
                        "status",
                        "parameters",
                        new String[] {"state=busy"},
                        "priority",
                        50));

        ota.handle(new Event("io/kinglet/ota/RECEIVED", Map.of("deployment", "d7")), animator);
        ota.handle(new Event("io/kinglet/ota/COMMITTED", Map.of("deployment", "d7")), animator);

        assertEquals(List.of("react ota d7 status state=busy 50 null", "end ota d7 by io/kinglet/ota/COMMITTED"), told);
    }

    @Test
    void theFilterSelectsStartEventsAndSecondsGiveADuration() {
        ReactionRule hot = rule(
                "hot",
                Map.of(
                        "topics", new String[] {"io/kinglet/sensehat/alert/*"},
                        "filter", "(quantity=temperature)",
                        "key", "name",
                        "seconds", 30,
                        "animation", "pulse"));

        hot.handle(
                new Event("io/kinglet/sensehat/alert/RAISED", Map.of("name", "damp", "quantity", "humidity")),
                animator);
        hot.handle(
                new Event("io/kinglet/sensehat/alert/RAISED", Map.of("name", "too hot", "quantity", "temperature")),
                animator);

        assertEquals(List.of("react hot too hot pulse 50 PT30S"), told);
    }

    @Test
    void topicsMatchExactlyOrByAPrefixEndingInAStar() {
        String[] patterns = {"io/kinglet/ota/COMMITTED", "io/kinglet/sensehat/alert/*"};
        assertTrue(ReactionRule.matches(patterns, "io/kinglet/ota/COMMITTED"));
        assertTrue(ReactionRule.matches(patterns, "io/kinglet/sensehat/alert/RAISED"));
        assertFalse(ReactionRule.matches(patterns, "io/kinglet/ota/COMMITTING"));
        assertFalse(ReactionRule.matches(patterns, "io/kinglet/sensehat/alerts"));
    }

    @Test
    void aFilterThatDoesNotParseIsRefusedNamingIt() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> rule(
                        "bad", Map.of("topics", new String[] {"a/b"}, "filter", "(quantity=", "animation", "solid")));
        assertTrue(e.getMessage().startsWith("filter '(quantity=' is not an LDAP filter: "), e.getMessage());
    }

    @Test
    void theNameIsTheConfigurationFilesSuffix() {
        assertEquals("ota", Reaction.name(Map.of("service.pid", "io.kinglet.led.reaction~ota")));
    }
}
