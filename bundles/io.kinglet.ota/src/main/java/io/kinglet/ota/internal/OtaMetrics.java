package io.kinglet.ota.internal;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * OTA in /metrics (through the health bundle's metrics whiteboard). Built on the Prometheus model
 * directly, not with io.kinglet.metrics.api: every API bundle the OTA agent imports is one it cannot
 * update under itself, so it imports as few as it can.
 */
@Component
public class OtaMetrics implements MultiCollector {

    private final OtaAgent agent;

    @Activate
    public OtaMetrics(@Reference OtaAgent agent) {
        this.agent = agent;
    }

    @Override
    public MetricSnapshots collect() {
        Transitions.Stats s = agent.stats();
        String state = agent.current().map(d -> d.state().label()).orElse("idle");
        return MetricSnapshots.of(
                CounterSnapshot.builder()
                        .name("kinglet_ota_deployments")
                        .help("Deployments ended since start, by outcome")
                        .dataPoint(counter("committed", s.committed()))
                        .dataPoint(counter("rolled-back", s.rolledBack()))
                        .dataPoint(counter("refused", s.refused()))
                        .build(),
                GaugeSnapshot.builder()
                        .name("kinglet_ota_state")
                        .help("1 for the state of the deployment under way, idle if none")
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .labels(Labels.of("state", state))
                                .value(1)
                                .build())
                        .build(),
                gauge(
                        "kinglet_ota_last_switch_seconds",
                        "Blue stopped to green started, last switch",
                        s.lastSwitchMillis()),
                gauge(
                        "kinglet_ota_last_rollback_seconds",
                        "Failed verdict to blue running again, last rollback",
                        s.lastRollbackMillis()),
                gauge(
                        "kinglet_ota_last_commit_seconds",
                        "Passed verdict to committed, last commit",
                        s.lastCommitMillis()));
    }

    private static CounterSnapshot.CounterDataPointSnapshot counter(String outcome, long value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("outcome", outcome))
                .value(value)
                .build();
    }

    /** Milliseconds as seconds; NaN before the first occurrence. */
    private static GaugeSnapshot gauge(String name, String help, long millis) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(millis < 0 ? Double.NaN : millis / 1000.0)
                        .build())
                .build();
    }
}
