package io.kinglet.hawkbit.internal;

import java.io.IOException;
import java.util.Dictionary;
import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The update server answering: warns when it has not for the configured time (with the last reason),
 * when the client's state was found damaged, or when a configuration is there but the client could not
 * start with it (and says what is wrong with it). Present without a configuration too, to say the client
 * is off and how to turn it on. Not critical: the device does its job without its fleet server.
 */
@Component
@HealthCheckService(
        name = "hawkBit client",
        tags = {"hawkbit"})
public class HawkbitHealthCheck implements HealthCheck {

    static final String OFF = "the hawkBit client is off: there is no configuration " + HawkbitClient.PID
            + "; to take fleet rollouts, copy runtime-config/io.kinglet.hawkbit.cfg.example to io.kinglet.hawkbit.cfg"
            + " in the config folder and name the server and the device's token";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HawkbitClient client;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin admin;

    /** Why a configuration present did not start the client; null without one. */
    private String notRunning() {
        ConfigurationAdmin cm = admin;
        try {
            Configuration[] found =
                    cm == null ? null : cm.listConfigurations("(service.pid=" + HawkbitClient.PID + ")");
            if (found == null || found[0].getProperties() == null) {
                return null;
            }
            Dictionary<String, Object> p = found[0].getProperties();
            String invalid = HawkbitClient.invalid(
                    (String) p.get("server"),
                    (String) p.get("token"),
                    Boolean.parseBoolean(String.valueOf(p.get("allowPlainHttp"))));
            return invalid != null ? invalid : "it failed to start; the log says why";
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        HawkbitClient running = client;
        if (running == null) {
            String why = notRunning();
            if (why == null) {
                log.info("{}", OFF);
            } else {
                log.warn("the hawkBit client is configured but not running: {}", why);
            }
            return new Result(log);
        }
        HawkbitClient.Status status = running.status();
        if (running.unreachable()) {
            log.warn(
                    "{} has not answered since {}: {}",
                    running.server(),
                    status.lastAnswer() == null ? "the client started" : status.lastAnswer(),
                    status.problem().isEmpty() ? "no answer yet" : status.problem());
        } else if (!status.problem().isEmpty()) {
            log.info("last poll failed ({} in a row): {}", status.failures(), status.problem());
        } else {
            log.info("{} answered at {}", running.server(), status.lastAnswer());
        }
        if (!running.state().damage().isEmpty()) {
            log.warn("{}", running.state().damage());
        }
        return new Result(log);
    }
}
