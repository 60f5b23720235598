package io.kinglet.ota.internal;

import io.kinglet.ota.api.DeploymentState;
import io.kinglet.ota.api.OtaEvents;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every step of a deployment is a journal entry, a log line, an Event Admin event and a count: all
 * four in one place, in that order, so no step can have one without the others. The durations of
 * the last switch, commit and rollback are kept here too, for the metrics.
 */
final class Transitions {

    /** Figures for /metrics and the status views; durations are -1 before the first occurrence. */
    record Stats(
            long committed,
            long rolledBack,
            long refused,
            long lastSwitchMillis,
            long lastRollbackMillis,
            long lastCommitMillis) {}

    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final Journal journal;
    private final Supplier<EventAdmin> events;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Deployment lastEnded;
    private volatile long lastSwitchMillis = -1;
    private volatile long lastRollbackMillis = -1;
    private volatile long lastCommitMillis = -1;

    Transitions(Journal journal, Supplier<EventAdmin> events) {
        this.journal = journal;
        this.events = events;
    }

    /** Records the transition, logs it, and tells Event Admin handlers (synchronously) before going on. */
    void enter(Deployment d, DeploymentState state, String reason) throws IOException {
        d.enter(state, reason);
        journal.save(d);
        switch (state) {
            case COMMITTED -> {
                committed.incrementAndGet();
                lastEnded = d;
            }
            case ROLLED_BACK -> {
                rolledBack.incrementAndGet();
                lastEnded = d;
            }
            case REFUSED -> refused.incrementAndGet();
            default -> {
                // not an outcome
            }
        }
        if (reason == null) {
            LOG.info(
                    "OTA {}: {}{}",
                    d.id(),
                    state.label(),
                    d.summary().isEmpty() ? "" : " (" + String.join(", ", d.summary()) + ")");
        } else {
            LOG.warn("OTA {}: {}: {}", d.id(), state.label(), reason);
        }
        EventAdmin admin = events.get();
        if (admin != null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put(OtaEvents.DEPLOYMENT, d.id());
            properties.put(OtaEvents.STATE, state.label());
            properties.put(OtaEvents.BUNDLES, d.summary().toArray(String[]::new));
            if (reason != null) {
                properties.put(OtaEvents.REASON, reason);
            }
            admin.sendEvent(new Event(state.topic(), properties));
        }
    }

    /** The last deployment that committed or rolled back (refusals never touched the device). */
    Optional<Deployment> lastEnded() {
        return Optional.ofNullable(lastEnded);
    }

    /** At start: what the journal says ended last, before this run of the agent. */
    void rememberLastEnded(Deployment d) {
        if (lastEnded == null) {
            lastEnded = d;
        }
    }

    /** Blue stopped to green started. */
    void tookToSwitch(long millis) {
        lastSwitchMillis = millis;
    }

    /** Passed verdict to committed. */
    void tookToCommit(long millis) {
        lastCommitMillis = millis;
    }

    /** Failed verdict to blue running again. */
    void tookToRollBack(long millis) {
        lastRollbackMillis = millis;
    }

    Stats stats() {
        return new Stats(
                committed.get(),
                rolledBack.get(),
                refused.get(),
                lastSwitchMillis,
                lastRollbackMillis,
                lastCommitMillis);
    }
}
