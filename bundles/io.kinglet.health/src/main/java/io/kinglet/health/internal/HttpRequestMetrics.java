package io.kinglet.health.internal;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Counts and times every HTTP request the runtime serves. A whiteboard preprocessor sees each
 * request before servlet dispatch, so 404s and requests to any bundle's servlet are counted too.
 */
@Component(service = {Preprocessor.class, Collector.class})
public class HttpRequestMetrics implements Preprocessor, Collector {

    private final Histogram requests = Histogram.builder()
            .name("http_server_requests_seconds")
            .help("HTTP requests served, by method, first path segment and status code")
            .labelNames("method", "path", "status")
            .classicOnly()
            // no tracer on the device: exemplars would only pull in the optional tracer bundles
            .withoutExemplars()
            .build();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            HttpServletRequest http = (HttpServletRequest) request;
            int status = ((HttpServletResponse) response).getStatus();
            requests.labelValues(http.getMethod(), pathLabel(http.getRequestURI(), status), Integer.toString(status))
                    .observe((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The first path segment ("/health/ready" counts as "/health"): enough to tell endpoints apart
     * while keeping the label set bounded. Requests that found nothing are pooled, so a scanner
     * probing random paths cannot grow the metrics without limit.
     */
    static String pathLabel(String uri, int status) {
        if (status == 404 || uri == null || uri.isEmpty()) {
            return "other";
        }
        int next = uri.indexOf('/', 1);
        return next < 0 ? uri : uri.substring(0, next);
    }

    @Override
    public MetricSnapshot collect() {
        return requests.collect();
    }
}
