package io.kinglet.watchdog.internal;

import io.kinglet.boot.BootStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watchdog tick after another: reads the health, decides whether to pet, and acts on each change
 * (ready, pets stopped or resumed, safe mode left). Until the first ready the pets go on while the
 * framework answers, for at most the boot's ready time; after it, the {@link Gate} decides.
 */
final class PetCycle {

    private static final Logger LOG = LoggerFactory.getLogger(PetCycle.class);
    static final String RESPONSIVE = "Framework responsive";

    /** What a tick does to the world; the component wires it to systemd, the device, events and state. */
    interface Sinks {
        void pet() throws IOException;

        void notify(String message);

        void event(String name, Map<String, Object> properties);

        void telemetry(String topic, Map<String, Object> fields);

        void resetBootCount();

        void restart(String reason);
    }

    private final BootStatus boot;
    private final Duration grace;
    private final RebootHistory history;
    private final Sinks sinks;
    private final Gate gate = new Gate();

    private boolean ready;
    private Instant readySince;
    private Instant lastPet;
    private boolean stopped;
    private String stopCause = "";
    private Instant stoppedAt;
    private long stoppedCount;
    private boolean leaving;
    private List<String> inGrace = List.of();
    private String statusLine = "";
    private RebootHistory.LastReboot lastReboot;

    PetCycle(BootStatus boot, Duration grace, RebootHistory history, RebootHistory.LastReboot lastReboot, Sinks sinks) {
        this.boot = boot;
        this.grace = grace;
        this.history = history;
        this.lastReboot = lastReboot;
        this.sinks = sinks;
    }

    synchronized void tick(Instant now, HealthProbe.Reading reading) {
        List<Gate.Check> gating = new ArrayList<>();
        reading.checks().stream()
                .filter(c -> boot.safeMode() ? c.spine() : c.critical())
                .forEach(c -> gating.add(c.gating()));
        if (reading.unresponsive() != null) {
            gating.add(new Gate.Check(RESPONSIVE, false, "STUCK", reading.unresponsive()));
        }
        boolean passing = gating.stream().allMatch(Gate.Check::passing);
        if (passing && !ready) {
            becameReady(now);
        }
        readySince = passing ? (readySince == null ? now : readySince) : null;
        Gate.Verdict verdict = gate.judge(now, grace, gating);
        inGrace = verdict.inGrace().stream().map(Gate.Check::describe).toList();
        String cause;
        if (ready) {
            cause = verdict.pet() ? null : verdict.reason();
        } else {
            cause = startingCause(now, gating, reading.unresponsive());
        }
        if (cause == null) {
            pet(now);
        } else if (!stopped) {
            stop(now, cause);
        }
        if (boot.trial() && !ready) {
            Duration left = boot.trialTimeout().minus(Duration.between(boot.started(), now));
            sinks.notify("EXTEND_TIMEOUT_USEC=" + Math.max(0, left.toNanos() / 1000));
        }
        status(reading, gating);
        if (boot.safeMode() && readySince != null && !leaving) {
            Duration stayed = Duration.between(readySince, now);
            if (stayed.compareTo(boot.leaveSafeModeAfter()) >= 0) {
                leaveSafeMode("ready for " + stayed.toSeconds() + " s");
            }
        }
    }

    /** Before the first ready: pets go on while the framework answers, until the boot's ready time is up. */
    private String startingCause(Instant now, List<Gate.Check> gating, String unresponsive) {
        if (unresponsive != null) {
            return RESPONSIVE + ": " + unresponsive;
        }
        Duration elapsed = Duration.between(boot.started(), now);
        if (elapsed.compareTo(boot.readyWithin()) < 0) {
            return null;
        }
        return "not ready " + boot.readyWithin().toSeconds() + " s after boot: "
                + gating.stream()
                        .filter(c -> !c.passing())
                        .map(Gate.Check::describe)
                        .collect(Collectors.joining("; "));
    }

    private void becameReady(Instant now) {
        ready = true;
        Duration took = Duration.between(boot.started(), now);
        sinks.notify("READY=1");
        LOG.info("Watchdog: ready {} ms after boot", took.toMillis());
        if (boot.safeMode()) {
            return; // the count stays: only watchdog:ack or staying ready ends safe mode
        }
        if (took.compareTo(boot.readyWithin()) <= 0) {
            sinks.resetBootCount();
        } else {
            LOG.warn(
                    "Watchdog: ready only {} s after boot (limit {} s): counted as a boot without ready",
                    took.toSeconds(),
                    boot.readyWithin().toSeconds());
        }
    }

    private void pet(Instant now) {
        try {
            sinks.pet();
            lastPet = now;
        } catch (IOException e) {
            LOG.error("Watchdog: pet failed: {}", e.getMessage());
        }
        if (stopped) {
            stopped = false;
            try {
                history.petsResumed();
            } catch (IOException e) {
                LOG.error("Watchdog: could not clear the recorded reboot cause: {}", e.getMessage());
            }
            LOG.info(
                    "Watchdog: pets resumed after {} s: the gating checks pass again",
                    Duration.between(stoppedAt, now).toSeconds());
            sinks.event(
                    "PETS_RESUMED",
                    Map.of("stoppedSeconds", Duration.between(stoppedAt, now).toSeconds()));
        }
    }

    /** The cause is on disk before the pets stop, so the reboot they lead to can be explained. */
    private void stop(Instant now, String cause) {
        try {
            history.petsStopped(cause);
        } catch (IOException e) {
            LOG.error("Watchdog: could not record the reboot cause ({}): {}", cause, e.getMessage());
        }
        stopped = true;
        stopCause = cause;
        stoppedAt = now;
        stoppedCount++;
        LOG.warn("Watchdog: pets stopped because {}; the watchdog will restart the device unless this recovers", cause);
        sinks.event("PETS_STOPPED", Map.of("reason", cause));
        sinks.telemetry("watchdog/pets-stopped", Map.of("reason", cause));
    }

    private void status(HealthProbe.Reading reading, List<Gate.Check> gating) {
        String line;
        if (stopped) {
            line = "pets stopped: " + stopCause;
        } else if (!ready) {
            line = "starting: waiting for "
                    + gating.stream()
                            .filter(c -> !c.passing())
                            .map(Gate.Check::name)
                            .collect(Collectors.joining(", "));
        } else {
            List<String> notOk = reading.checks().stream()
                    .filter(c -> c.status() != org.apache.felix.hc.api.Result.Status.OK)
                    .map(c -> c.name() + " " + c.status())
                    .toList();
            line = notOk.isEmpty()
                    ? "ready: " + reading.checks().size() + " checks OK"
                    : "degraded: " + String.join(", ", notOk);
        }
        if (boot.safeMode()) {
            line = "safe mode (" + boot.bootsWithoutReady() + " boots without ready); " + line;
        }
        if (!line.equals(statusLine)) {
            statusLine = line;
            sinks.notify("STATUS=" + line);
        }
    }

    /** {@code watchdog:ack}: the last reboot is acknowledged and safe mode, if on, is left. */
    synchronized List<String> acknowledge() throws IOException {
        List<String> done = new ArrayList<>();
        if (lastReboot.kind().unexpected() && !lastReboot.acknowledged()) {
            lastReboot = history.acknowledge(lastReboot);
            done.add("Acknowledged the last reboot (" + lastReboot.describe() + ")");
        }
        if (boot.safeMode() && !leaving) {
            leaveSafeMode("acknowledged with watchdog:ack");
            done.add("Leaving safe mode: the framework restarts into the committed set");
        }
        return done;
    }

    private void leaveSafeMode(String reason) {
        leaving = true;
        sinks.resetBootCount();
        LOG.warn("Watchdog: leaving safe mode ({}); restarting into the committed set", reason);
        sinks.event("SAFE_MODE", Map.of("active", false, "reason", reason));
        sinks.telemetry("watchdog/safe-mode", Map.of("active", false, "reason", reason));
        sinks.restart("leaving safe mode: " + reason);
    }

    /** An orderly shutdown: the next start reports a clean stop, whatever the pets were doing. */
    synchronized void cleanStop() throws IOException {
        history.cleanStop();
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(
                ready,
                readySince,
                lastPet,
                stopped,
                stopCause,
                stoppedAt,
                stoppedCount,
                inGrace,
                statusLine,
                lastReboot);
    }

    /** The cycle's state for the shell, /health and /metrics. */
    record Snapshot(
            boolean ready,
            Instant readySince,
            Instant lastPet,
            boolean stopped,
            String stopCause,
            Instant stoppedAt,
            long stoppedCount,
            List<String> inGrace,
            String statusLine,
            RebootHistory.LastReboot lastReboot) {}
}
