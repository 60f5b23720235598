package io.kinglet.console.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Services: telemetry (queue and broker), BLE provisioning, ad breaks (the break under way and the
 * last one) and the hawkBit client, each as its own health check tells it, live. A service whose
 * check is missing is not configured: the page says which file turns it on.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + ServicesPage.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Services",
            ServletConstants.PLUGIN_CATEGORY + "=Kinglet"
        })
public class ServicesPage extends KingletPage {

    static final String LABEL = "kinglet-services";
    private static final long serialVersionUID = 1L;

    /** A service on the page: its health check's tag, and how it is turned on when it has none. */
    record Service(String tag, String title, String whenOff) {}

    static final List<Service> SERVICES = List.of(
            new Service(
                    "telemetry",
                    "Telemetry",
                    "off: copy runtime-config/io.kinglet.telemetry.cfg.example to io.kinglet.telemetry.cfg and name"
                            + " the broker"),
            new Service(
                    "ble",
                    "BLE provisioning",
                    "off: copy runtime-config/io.kinglet.ble.cfg.example to io.kinglet.ble.cfg"),
            new Service(
                    "addetect",
                    "Ad breaks",
                    "off: copy runtime-config/io.kinglet.addetect.cfg.example to io.kinglet.addetect.cfg and name"
                            + " the source"),
            new Service(
                    "hawkbit",
                    "Fleet updates (hawkBit)",
                    "off: copy runtime-config/io.kinglet.hawkbit.cfg.example to io.kinglet.hawkbit.cfg"));

    private final transient HealthCheckExecutor health;

    @Activate
    public ServicesPage(@Reference HealthCheckExecutor health, @Reference JsonProvider json) {
        super("/kinglet/services.html", "services.json", json);
        this.health = health;
    }

    @Override
    String data(HttpServletRequest request) {
        JsonArrayBuilder services = json.createArrayBuilder();
        for (Service service : SERVICES) {
            JsonObjectBuilder shown =
                    json.createObjectBuilder().add("tag", service.tag()).add("title", service.title());
            List<HealthCheckExecutionResult> results = health.execute(HealthCheckSelector.tags(service.tag()));
            if (results.isEmpty()) {
                shown.add("status", "OFF")
                        .add("messages", json.createArrayBuilder().add(service.whenOff()));
            } else {
                JsonArrayBuilder messages = json.createArrayBuilder();
                results.forEach(r -> addMessages(messages, r));
                shown.add("status", worst(results)).add("messages", messages);
            }
            services.add(shown);
        }
        return json.createObjectBuilder().add("services", services).build().toString();
    }

    private static String worst(List<HealthCheckExecutionResult> results) {
        return results.stream()
                .map(r -> r.getHealthCheckResult().getStatus())
                .max(Enum::compareTo)
                .orElseThrow()
                .name();
    }
}
