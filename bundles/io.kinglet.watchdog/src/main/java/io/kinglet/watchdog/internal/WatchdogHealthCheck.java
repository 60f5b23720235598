package io.kinglet.watchdog.internal;

import io.kinglet.boot.BootStatus;
import java.time.Duration;
import java.time.Instant;
import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Warns in safe mode, while the pets are stopped, when the hardware watchdog could not be opened,
 * and after an unexpected reboot (until {@code watchdog:ack} or the configured time). Never critical:
 * the watchdog reacts to critical checks and must not feed its own state back into them.
 */
@Component
@HealthCheckService(
        name = "Watchdog",
        tags = {"watchdog"})
public class WatchdogHealthCheck implements HealthCheck {

    private final Watchdog watchdog;

    @Activate
    public WatchdogHealthCheck(@Reference Watchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        report(
                watchdog.snapshot(),
                watchdog.boot(),
                watchdog.devices(),
                Duration.ofSeconds(watchdog.config().rebootWarningSeconds()),
                Instant.now(),
                log);
        return new Result(log);
    }

    static void report(
            PetCycle.Snapshot s,
            BootStatus boot,
            Devices devices,
            Duration rebootWarning,
            Instant now,
            FormattingResultLog log) {
        if (boot.safeMode()) {
            log.warn("safe mode: {}", SafeMode.describe(boot));
        }
        if (s.stopped()) {
            log.warn("pets stopped since {}: {}", s.stoppedAt(), s.stopCause());
        }
        if (devices.hardwareFailed()) {
            log.warn("hardware watchdog {}", devices.hardwareState());
        } else {
            log.info("hardware watchdog {}", devices.hardwareState());
        }
        if (devices.systemdState().startsWith("failed")) {
            log.warn("systemd notifications {}", devices.systemdState());
        } else {
            log.info("systemd notifications {}", devices.systemdState());
        }
        RebootHistory.LastReboot last = s.lastReboot();
        boolean recent = Duration.between(last.at(), now).compareTo(rebootWarning) < 0;
        if (last.kind().unexpected() && !last.acknowledged() && recent) {
            log.warn("last reboot: {} (at {}; watchdog:ack acknowledges it)", last.describe(), last.at());
        } else {
            log.info("last reboot: {}", last.describe());
        }
    }
}
