package io.kinglet.telemetry.internal;

import static io.kinglet.metrics.api.Metrics.counter;
import static io.kinglet.metrics.api.Metrics.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.Map;
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
                gauge(
                        "kinglet_telemetry_broker_connected",
                        "1 while connected to the broker",
                        "state",
                        Map.of(s.broker().name().toLowerCase(), s.broker() == MqttForwarder.State.CONNECTED ? 1 : 0)));
    }

    private static CounterSnapshot refused(TelemetryService.Stats s) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        s.refused().forEach((reason, count) -> byReason.put(reason.label, count));
        return counter(
                "kinglet_telemetry_refused",
                "Messages not stored, by reason: queue_full (the refuse policy), disk_full, store_failed",
                "reason",
                byReason);
    }
}
