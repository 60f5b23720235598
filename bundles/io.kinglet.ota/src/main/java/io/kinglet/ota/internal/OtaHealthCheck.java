package io.kinglet.ota.internal;

import io.kinglet.ota.api.DeploymentState;
import java.util.Optional;
import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tells monitoring that the last update was rolled back, and why, until a later one commits: the
 * device is healthy (it runs its previous set) but its operator has something to look at. The same
 * for the agent's storage: damaged state files kept aside, a push refused for a full disk.
 */
@Component
@HealthCheckService(
        name = "OTA updates",
        tags = {"ota"})
public class OtaHealthCheck implements HealthCheck {

    private final OtaAgent agent;

    @Activate
    public OtaHealthCheck(@Reference OtaAgent agent) {
        this.agent = agent;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Optional<Deployment> current = agent.current();
        Optional<Deployment> last = agent.lastEnded();
        if (last.isPresent() && last.get().state() == DeploymentState.ROLLED_BACK) {
            log.warn(
                    "Deployment {} ({}) was rolled back: {}",
                    last.get().id(),
                    String.join(", ", last.get().summary()),
                    last.get().reason());
        } else if (last.isPresent()) {
            log.info("Deployment {} committed", last.get().id());
        } else {
            log.info("No update yet");
        }
        current.ifPresent(d -> log.info("Deployment {} is {}", d.id(), d.state().label()));
        try {
            agent.storageProblems().forEach(problem -> log.warn("{}", problem));
        } catch (java.io.IOException e) {
            log.warn("OTA state cannot be checked: {}", e.getMessage());
        }
        if (agent.verifierProblem() != null) {
            log.info("Pushes are refused: {}", agent.verifierProblem());
        }
        return new Result(log);
    }
}
