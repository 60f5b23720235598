package io.kinglet.console.internal;

import io.kinglet.boot.BootStatus;
import io.kinglet.ota.api.OtaDeployments;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The console's first page: every health check with its messages, live (the page asks
 * {@code overview.json} every two seconds and rebuilds the table from it), and the device at a glance:
 * version, profile, uptime, the committed deployment, the last reboot's cause (the watchdog's check
 * tells it), safe mode.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + OverviewPage.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Overview",
            ServletConstants.PLUGIN_CATEGORY + "=Kinglet"
        })
public class OverviewPage extends KingletPage {

    static final String LABEL = "kinglet";
    /** How the watchdog's health check begins the line on the last reboot and its cause. */
    private static final String LAST_REBOOT = "last reboot: ";

    private static final long serialVersionUID = 1L;

    private final transient HealthCheckExecutor health;
    private final String version;
    private final String profile;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile OtaDeployments ota;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile BootStatus boot;

    @Activate
    public OverviewPage(BundleContext context, @Reference HealthCheckExecutor health, @Reference JsonProvider json) {
        super("/kinglet/overview.html", "overview.json", json);
        this.health = health;
        this.version = String.valueOf(context.getProperty("kinglet.version"));
        this.profile = String.valueOf(context.getProperty("kinglet.profile"));
    }

    @Override
    String data(HttpServletRequest request) throws IOException {
        JsonArrayBuilder checks = json.createArrayBuilder();
        // an empty name selects every check (an empty selector would mean the executor's default tags)
        List<HealthCheckExecutionResult> results = health.execute(HealthCheckSelector.names(""));
        for (HealthCheckExecutionResult r : results) {
            JsonArrayBuilder messages = json.createArrayBuilder();
            addMessages(messages, r);
            checks.add(json.createObjectBuilder()
                    .add("name", r.getHealthCheckMetadata().getTitle())
                    .add("status", r.getHealthCheckResult().getStatus().name())
                    .add("messages", messages));
        }
        OtaDeployments deployments = ota;
        BootStatus status = boot;
        JsonObjectBuilder device = json.createObjectBuilder()
                .add("version", version)
                .add("profile", profile)
                .add(
                        "uptime",
                        uptime(Duration.ofMillis(
                                ManagementFactory.getRuntimeMXBean().getUptime())))
                .add(
                        "deployment",
                        deployments == null
                                ? "unknown (the OTA agent is not running)"
                                : deployments.committed().orElse("none: the installed bundles"))
                .add("lastReboot", lastReboot(results))
                .add("safeMode", status != null && status.safeMode());
        return json.createObjectBuilder()
                .add("device", device)
                .add("checks", checks)
                .build()
                .toString();
    }

    /** The cause the watchdog's check gives for the last reboot. */
    private static String lastReboot(List<HealthCheckExecutionResult> results) {
        for (HealthCheckExecutionResult r : results) {
            for (ResultLog.Entry entry : r.getHealthCheckResult()) {
                if (entry.getMessage().startsWith(LAST_REBOOT)) {
                    return entry.getMessage().substring(LAST_REBOOT.length());
                }
            }
        }
        return "unknown (the watchdog is not running)";
    }

    static String uptime(Duration d) {
        return d.toDays() > 0
                ? d.toDays() + " d " + d.toHoursPart() + " h"
                : d.toHours() > 0
                        ? d.toHours() + " h " + d.toMinutesPart() + " min"
                        : d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
}
