package io.kinglet.health.internal;

import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Servlet;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * Serves {@code /metrics} in Prometheus text exposition: the JVM metrics plus every
 * {@link Collector} and {@link MultiCollector} service any bundle registers (the metrics whiteboard).
 * The registry is this component's own, never the library's static default, so a bundle update
 * leaves nothing behind.
 */
@Component(immediate = true)
public class PrometheusEndpoint {

    static final String PATH = "/metrics";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ServiceRegistration<Servlet> servlet;

    @Activate
    public PrometheusEndpoint(BundleContext context) {
        JvmMetrics.builder().register(registry);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, PATH);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "kinglet-metrics");
        servlet = context.registerService(Servlet.class, new PrometheusMetricsServlet(registry), props);
    }

    @Deactivate
    void deactivate() {
        servlet.unregister();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCollector(Collector collector) {
        registry.register(collector);
    }

    void removeCollector(Collector collector) {
        registry.unregister(collector);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMultiCollector(MultiCollector collector) {
        registry.register(collector);
    }

    void removeMultiCollector(MultiCollector collector) {
        registry.unregister(collector);
    }
}
