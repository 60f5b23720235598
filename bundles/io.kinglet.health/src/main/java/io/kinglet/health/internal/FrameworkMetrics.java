package io.kinglet.health.internal;

import io.kinglet.metrics.api.Metrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Bundle counts by state, DS component configuration counts by state, and process uptime. */
@Component
public class FrameworkMetrics implements MultiCollector {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Activate
    public FrameworkMetrics(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Integer> bundles = new TreeMap<>();
        for (String state : new String[] {"active", "resolved", "installed", "starting", "stopping"}) {
            bundles.put(state, 0);
        }
        for (Bundle bundle : context.getBundles()) {
            bundles.merge(bundleState(bundle.getState()), 1, Integer::sum);
        }
        Map<String, Integer> components = new TreeMap<>();
        for (String state : new String[] {
            "active", "satisfied", "unsatisfied_configuration", "unsatisfied_reference", "failed_activation"
        }) {
            components.put(state, 0);
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                components.merge(componentState(configuration.state), 1, Integer::sum);
            }
        }
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        return MetricSnapshots.of(
                Metrics.gauge("kinglet_bundles", "OSGi bundles by state", "state", bundles),
                Metrics.gauge("kinglet_components", "DS component configurations by state", "state", components),
                Metrics.gauge("kinglet_uptime_seconds", "Seconds since the runtime started", uptime));
    }

    static String bundleState(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied_configuration";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied_reference";
            default -> "failed_activation";
        };
    }
}
