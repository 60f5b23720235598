package io.kinglet.telemetry.internal;

import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Critical when the queue's store fails (telemetry would be lost), a warning when the oldest queued
 * message is older than configured (the broker has been unreachable for a while).
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
        TelemetryService.Stats s = telemetry.stats();
        if (s.storeFailure() != null) {
            log.critical("Telemetry store failing: {}", s.storeFailure());
        } else if (s.oldestAge().toSeconds() > telemetry.maxAgeSeconds()) {
            log.warn(
                    "Oldest queued message is {} s old (limit {} s); broker {}, {} queued",
                    s.oldestAge().toSeconds(),
                    telemetry.maxAgeSeconds(),
                    s.broker().name().toLowerCase(),
                    s.queued());
        } else {
            log.info("{} queued, broker {}", s.queued(), s.broker().name().toLowerCase());
        }
        return new Result(log);
    }
}
