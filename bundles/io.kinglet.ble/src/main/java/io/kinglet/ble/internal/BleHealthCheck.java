package io.kinglet.ble.internal;

import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * BlueZ and NetworkManager reachable, the service registered, the adapter powered. Present without a
 * configuration too, to say that the provisioner is off and how to turn it on. Not critical: a device
 * that cannot be provisioned over BLE still does its job.
 */
@Component
@HealthCheckService(
        name = "BLE provisioner",
        tags = {"ble"})
public class BleHealthCheck implements HealthCheck {

    /** Why the provisioner is not running and how to turn it on. */
    static final String OFF = "the BLE provisioner is off: there is no configuration " + BleProvisioner.PID
            + " (a laptop's Bluetooth must not advertise by surprise); to turn it on, copy"
            + " runtime-config/io.kinglet.ble.cfg.example to io.kinglet.ble.cfg in the config folder";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BleProvisioner provisioner;

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        BleProvisioner running = provisioner;
        if (running == null) {
            log.info("{}", OFF);
            return new Result(log);
        }
        BleStatus s = running.status();
        log.info("state {}", s.state().name().toLowerCase().replace('_', ' '));
        s.busProblem().ifPresent(log::warn);
        s.bluez().ifPresent(bluez -> bluez(s, bluez, log));
        s.button()
                .ifPresent(b ->
                        b.problem().ifPresentOrElse(log::warn, () -> log.info("presence button {} is read", b.name())));
        return new Result(log);
    }

    private static void bluez(BleStatus s, BluezLink.Status bluez, FormattingResultLog log) {
        if (!bluez.bluezOnBus()) {
            log.warn("bluetoothd is not on the bus (is bluetooth.service running?)");
        } else if (!bluez.registered()) {
            log.warn("the Improv service is not registered: {}", bluez.problem().orElse("stopped (ble:start)"));
        } else {
            log.info("registered with bluetoothd, {}", bluez.advertising() ? "advertising" : "not advertising");
        }
        s.adapterPowered()
                .ifPresentOrElse(
                        powered -> {
                            if (powered) {
                                log.info("adapter {} powered", s.adapter());
                            } else {
                                log.warn("adapter {} is powered off (bluetoothctl power on)", s.adapter());
                            }
                        },
                        () -> log.warn("adapter {} cannot be read", s.adapter()));
        s.networkManagerProblem().ifPresentOrElse(log::warn, () -> log.info("NetworkManager has the Wi-Fi device"));
    }
}
