package io.kinglet.health.internal;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The status of every health check as a gauge: 0 OK, 1 WARN, 2 TEMPORARILY_UNAVAILABLE, 3 CRITICAL, 4 HEALTH_CHECK_ERROR. */
@Component
public class HealthCheckMetrics implements MultiCollector {

    private final HealthCheckExecutor executor;

    @Activate
    public HealthCheckMetrics(@Reference HealthCheckExecutor executor) {
        this.executor = executor;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder status = GaugeSnapshot.builder()
                .name("kinglet_health_check_status")
                .help("Health check status: 0 OK, 1 WARN, 2 TEMPORARILY_UNAVAILABLE, 3 CRITICAL, 4 HEALTH_CHECK_ERROR");
        for (HealthCheckExecutionResult result : HealthCheckRunner.run(executor)) {
            Result.Status value = result.getHealthCheckResult().getStatus();
            status.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of(
                            "check",
                            result.getHealthCheckMetadata().getTitle(),
                            "tags",
                            String.join(",", result.getHealthCheckMetadata().getTags())))
                    .value(value.ordinal())
                    .build());
        }
        return MetricSnapshots.of(status.build());
    }
}
