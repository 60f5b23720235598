package io.kinglet.config.internal;

import io.kinglet.health.api.HealthTags;
import java.util.Map;
import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Warns while any configuration file in the config folder is refused: the component it targets
 * runs on its last good configuration, which is not what the operator wrote. Until the files
 * present at start-up have all been read it is temporarily unavailable, so readiness waits for
 * the configuration the operator gave.
 */
@Component
@HealthCheckService(
        name = "Configuration files",
        tags = {HealthTags.FRAMEWORK, "config", HealthTags.CRITICAL})
public class ConfigFilesCheck implements HealthCheck {

    private final ConfigFileStatus status;

    @Activate
    public ConfigFilesCheck(@Reference ConfigFileStatus status) {
        this.status = status;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        int waiting = status.waitingForFirstRead();
        if (waiting > 0) {
            log.temporarilyUnavailable("{} configuration files not read yet", waiting);
        }
        Map<String, String> refused = status.refusedFiles();
        if (refused.isEmpty() && waiting == 0) {
            log.info("All configuration files accepted");
        }
        refused.forEach((file, reason) -> log.warn("Refused {}: {}", file, reason));
        return new Result(log);
    }
}
