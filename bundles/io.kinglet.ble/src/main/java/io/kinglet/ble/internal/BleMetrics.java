package io.kinglet.ble.internal;

import static io.kinglet.metrics.api.Metrics.counter;
import static io.kinglet.metrics.api.Metrics.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * The provisioner as {@code kinglet_ble_*}: state, link with bluetoothd, writes, refusals, provisionings.
 * Only with the provisioner's configuration (there is nothing to measure without it).
 */
@Component(configurationPid = BleProvisioner.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class BleMetrics implements MultiCollector {

    private final BleProvisioner provisioner;

    @Activate
    public BleMetrics(@Reference BleProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public MetricSnapshots collect() {
        BleStatus s = provisioner.status();
        BleStats stats = s.stats();
        Map<String, Long> refused = new LinkedHashMap<>();
        for (ImprovError e : ImprovError.values()) {
            if (e != ImprovError.NONE) {
                refused.put(e.name().toLowerCase(), stats.refusedCount(e));
            }
        }
        return new MetricSnapshots(
                gauge(
                        "kinglet_ble_state",
                        "Improv state: 1 authorization required, 2 authorized, 3 provisioning," + " 4 provisioned",
                        s.state().code),
                gauge(
                        "kinglet_ble_registered",
                        "1 while the Improv service is registered with bluetoothd",
                        s.bluez().map(BluezLink.Status::registered).orElse(false) ? 1 : 0),
                gauge(
                        "kinglet_ble_advertising",
                        "1 while the Improv advertisement is registered",
                        s.bluez().map(BluezLink.Status::advertising).orElse(false) ? 1 : 0),
                gauge(
                        "kinglet_ble_last_provisioning_seconds",
                        "From the Wi-Fi settings packet to the provisioned state, the last time",
                        stats.lastProvisioningNanos / 1e9),
                counter("kinglet_ble_writes", "Writes to the RPC command characteristic", stats.writes.sum()),
                counter("kinglet_ble_packets", "Well-formed RPC packets handled", stats.packets.sum()),
                counter(
                        "kinglet_ble_throttled_writes",
                        "Writes refused over a connection's rate",
                        stats.throttled.sum()),
                counter("kinglet_ble_provisioned", "Wi-Fi connections made from Improv", stats.provisioned.sum()),
                counter(
                        "kinglet_ble_failed_connections",
                        "Wi-Fi settings that did not connect",
                        stats.failedConnections.sum()),
                counter("kinglet_ble_refused_packets", "Packets refused, by Improv error", "error", refused));
    }
}
