package io.kinglet.watchdog.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the watchdog may be petted: every gating check passes, or has failed for less than the
 * grace period. A check that recovers within the grace period costs nothing; one that stays failed
 * past it stops the pets. Not thread-safe: the watchdog's one thread uses it.
 */
final class Gate {

    /** One gating check as last seen; {@code passing} is OK or WARN, as /health/ready reads it. */
    record Check(String name, boolean passing, String status, String message) {

        String describe() {
            return name + ": " + (message.isEmpty() ? status : message);
        }
    }

    /** The decision: pet, or not because of {@code failed} (past the grace period). */
    record Verdict(boolean pet, List<Check> failed, List<Check> inGrace) {

        String reason() {
            return failed.stream().map(Check::describe).collect(Collectors.joining("; "));
        }
    }

    private final Map<String, Instant> failingSince = new HashMap<>();

    Verdict judge(Instant now, Duration grace, List<Check> checks) {
        Set<String> failing =
                checks.stream().filter(c -> !c.passing()).map(Check::name).collect(Collectors.toSet());
        failingSince.keySet().retainAll(failing);
        List<Check> failed = new ArrayList<>();
        List<Check> inGrace = new ArrayList<>();
        for (Check check : checks) {
            if (check.passing()) {
                continue;
            }
            Instant since = failingSince.computeIfAbsent(check.name(), name -> now);
            if (Duration.between(since, now).compareTo(grace) >= 0) {
                failed.add(check);
            } else {
                inGrace.add(check);
            }
        }
        return new Verdict(failed.isEmpty(), List.copyOf(failed), List.copyOf(inGrace));
    }
}
