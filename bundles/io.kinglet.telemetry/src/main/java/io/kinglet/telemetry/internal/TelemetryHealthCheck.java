package io.kinglet.telemetry.internal;

import java.nio.file.Path;
import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Critical when the queue's store fails (telemetry would be lost). A warning when the disk is full,
 * when a damaged queue file is kept aside, or when the oldest queued message is older than
 * configured (the broker has been unreachable for a while).
 *
 * <p>A full disk is a warning, not critical: what is queued is kept and still forwarded, and each
 * acknowledged message frees space; only new telemetry is refused. Critical would stop the watchdog
 * and reboot the device, which frees nothing, and block OTA for a reason OTA cannot mend.
 */
@Component(configurationPid = TelemetryService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@HealthCheckService(
        name = "Telemetry queue",
        tags = {"telemetry"})
public class TelemetryHealthCheck implements HealthCheck {

    private final TelemetryService telemetry;

    @Activate
    public TelemetryHealthCheck(@Reference TelemetryService telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        report(telemetry.stats(), telemetry.maxAgeSeconds(), log);
        return new Result(log);
    }

    static void report(TelemetryService.Stats s, int maxAgeSeconds, FormattingResultLog log) {
        if (s.storeFailure() != null) {
            log.critical("Telemetry store failing: {}", s.storeFailure());
        }
        if (s.diskFull() != null) {
            log.warn(
                    "New telemetry refused: {}; the {} queued messages are kept, and each one the broker"
                            + " acknowledges frees space",
                    s.diskFull(),
                    s.queued());
        }
        for (Path file : s.keptAside()) {
            QueueSalvage.Report salvage = s.salvaged();
            if (salvage != null && salvage.keptAs().equals(file)) {
                log.warn(
                        "Telemetry queue was damaged ({}) and rebuilt: {} messages recovered, {} lost;"
                                + " the damaged file is kept as {} (delete it once looked at)",
                        salvage.cause(),
                        salvage.recovered(),
                        salvage.lostText(),
                        file);
            } else {
                log.warn("A damaged telemetry queue is kept aside as {} (delete it once looked at)", file);
            }
        }
        if (s.storeFailure() != null) {
            return; // the queue cannot be counted
        }
        if (s.oldestAge().toSeconds() > maxAgeSeconds) {
            log.warn(
                    "Oldest queued message is {} s old (limit {} s); broker {}, {} queued",
                    s.oldestAge().toSeconds(),
                    maxAgeSeconds,
                    s.broker().name().toLowerCase(),
                    s.queued());
        } else {
            log.info("{} queued, broker {}", s.queued(), s.broker().name().toLowerCase());
        }
    }
}
