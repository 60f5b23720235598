package io.kinglet.telemetry.internal;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** The telemetry queue in /metrics (through the health bundle's metrics whiteboard). */
@Component(configurationPid = TelemetryService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class TelemetryMetrics implements MultiCollector {

    private final TelemetryService telemetry;

    @Activate
    public TelemetryMetrics(@Reference TelemetryService telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public MetricSnapshots collect() {
        TelemetryService.Stats s = telemetry.stats();
        return MetricSnapshots.of(
                gauge("kinglet_telemetry_queued_messages", "Messages waiting on disk", s.queued()),
                gauge("kinglet_telemetry_queued_bytes", "Payload bytes waiting on disk", s.queuedBytes()),
                gauge("kinglet_telemetry_in_flight_messages", "Messages sent and not yet acknowledged", s.inFlight()),
                gauge(
                        "kinglet_telemetry_oldest_message_age_seconds",
                        "Age of the oldest queued message",
                        s.oldestAge().toMillis() / 1000.0),
                counter("kinglet_telemetry_sent", "Messages the broker acknowledged", s.sent()),
                counter("kinglet_telemetry_dropped", "Messages dropped because the queue was full", s.dropped()),
                refused(s),
                gauge(
                        "kinglet_telemetry_disk_full",
                        "1 while new messages are refused because the disk is full",
                        s.diskFull() == null ? 0 : 1),
                gauge(
                        "kinglet_telemetry_damaged_queue_files",
                        "Damaged queue files kept aside beside the queue",
                        s.keptAside().size()),
                GaugeSnapshot.builder()
                        .name("kinglet_telemetry_broker_connected")
                        .help("1 while connected to the broker")
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .labels(Labels.of("state", s.broker().name().toLowerCase()))
                                .value(s.broker() == MqttForwarder.State.CONNECTED ? 1 : 0)
                                .build())
                        .build());
    }

    private static CounterSnapshot refused(TelemetryService.Stats s) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder()
                .name("kinglet_telemetry_refused")
                .help("Messages not stored, by reason: queue_full (the refuse policy), disk_full, store_failed");
        s.refused()
                .forEach((reason, count) -> counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("reason", reason.label))
                        .value(count)
                        .build()));
        return counter.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }
}
