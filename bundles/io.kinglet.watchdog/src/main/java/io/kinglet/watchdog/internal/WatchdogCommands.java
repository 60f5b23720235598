package io.kinglet.watchdog.internal;

import io.kinglet.boot.BootStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code watchdog:status|ack}: what the watchdog does and why, and the operator's acknowledgement. */
@Component(
        service = WatchdogCommands.class,
        property = {"osgi.command.scope=watchdog", "osgi.command.function=status", "osgi.command.function=ack"})
public class WatchdogCommands {

    private final Watchdog watchdog;

    @Activate
    public WatchdogCommands(@Reference Watchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Descriptor("show the mode, the watchdogs, the last pet, the gating checks, the boot counter and the last reboot")
    public String status() {
        PetCycle.Snapshot s = watchdog.snapshot();
        BootStatus boot = watchdog.boot();
        Instant now = Instant.now();
        List<String> lines = new ArrayList<>();
        lines.add("Mode         " + (boot.safeMode() ? "SAFE MODE: " + SafeMode.describe(boot) : "normal"));
        lines.add("systemd      " + watchdog.devices().systemdState());
        lines.add("Hardware     " + watchdog.devices().hardwareState());
        lines.add("Interval     " + watchdog.devices().interval().toMillis() + " ms, grace period "
                + watchdog.config().graceSeconds() + " s");
        lines.add("Gating       "
                + (boot.safeMode() ? "the spine's checks (tags framework and critical)" : "the critical checks"));
        lines.add("Ready        "
                + (s.ready() ? (s.readySince() == null ? "was, not now" : "since " + s.readySince()) : "not yet"));
        lines.add("Last pet     " + (s.lastPet() == null ? "never" : ago(s.lastPet(), now)));
        lines.add("Pets         "
                + (s.stopped() ? "STOPPED since " + s.stoppedAt() + ": " + s.stopCause() : "going")
                + " (stopped " + s.stoppedCount() + " times in this run)");
        s.inGrace().forEach(c -> lines.add("In grace     " + c));
        lines.add("Boot counter " + boot.bootsWithoutReady() + " boots in a row without ready before this one"
                + " (safe mode after " + boot.safeModeAfter() + "; ready within "
                + boot.readyWithin().toSeconds()
                + " s counts)");
        RebootHistory.LastReboot last = s.lastReboot();
        lines.add("Last reboot  " + last.describe() + " (" + last.at() + ")"
                + (last.kind().unexpected()
                        ? (last.acknowledged() ? ", acknowledged" : ", not acknowledged: watchdog:ack")
                        : ""));
        lines.add("Status       " + s.statusLine());
        return String.join("\n", lines);
    }

    @Descriptor("acknowledge the last reboot's cause, and leave safe mode if it is on")
    public String ack() throws IOException {
        List<String> done = watchdog.acknowledge();
        return done.isEmpty() ? "Nothing to acknowledge" : String.join("\n", done);
    }

    private static String ago(Instant then, Instant now) {
        return Duration.between(then, now).toMillis() / 1000.0 + " s ago";
    }
}
