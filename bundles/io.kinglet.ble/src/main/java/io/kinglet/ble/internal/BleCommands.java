package io.kinglet.ble.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code ble:*}: the provisioner's state, authorization from the shell, stopping and starting it. */
@Component(
        service = BleCommands.class,
        property = {
            "osgi.command.scope=ble",
            "osgi.command.function=status",
            "osgi.command.function=authorize",
            "osgi.command.function=stop",
            "osgi.command.function=start"
        })
public class BleCommands {

    /** Absent while the provisioner is off; the commands then say how to turn it on. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BleProvisioner provisioner;

    @Descriptor("the Improv state, BlueZ and NetworkManager, and the counters")
    public String status() {
        BleStatus s = running().status();
        List<String> lines = new ArrayList<>();
        lines.add("state: " + s.state().name().toLowerCase().replace('_', ' ')
                + (s.authorizedBy().isEmpty() ? "" : " (last authorized by " + s.authorizedBy() + ")"));
        lines.add("last error: " + s.error().name().toLowerCase().replace('_', ' '));
        s.busProblem().ifPresent(p -> lines.add("D-Bus: " + p));
        s.bluez().ifPresent(bluez -> {
            lines.add("BlueZ: " + (bluez.bluezOnBus() ? "on the bus" : "not on the bus") + ", service "
                    + (bluez.registered() ? "registered" : "not registered") + ", "
                    + (bluez.advertising() ? "advertising" : "not advertising") + ", adapter " + s.adapter() + " "
                    + s.adapterPowered().map(p -> p ? "powered" : "powered off").orElse("unknown"));
            bluez.problem().ifPresent(p -> lines.add("BlueZ problem: " + p));
            lines.add("NetworkManager: " + s.networkManagerProblem().orElse("Wi-Fi device found"));
        });
        s.button()
                .ifPresent(b -> lines.add(
                        "presence button " + b.name() + ": " + b.problem().orElse("read")));
        BleStats stats = s.stats();
        lines.add("writes " + stats.writes.sum() + ", packets " + stats.packets.sum() + ", throttled "
                + stats.throttled.sum() + ", provisioned " + stats.provisioned.sum() + ", failed connections "
                + stats.failedConnections.sum() + ", connections " + s.connections());
        return String.join("\n", lines);
    }

    @Descriptor("authorize provisioning as if the device's button was pressed")
    public String authorize() {
        running().authorize("the shell");
        return "Authorized: Wi-Fi settings are accepted until the authorization times out";
    }

    @Descriptor("stop advertising and unregister the Improv service")
    public String stop() {
        running().stop();
        return "Stopped; ble:start advertises again";
    }

    @Descriptor("register the Improv service again and advertise, from the initial state")
    public String start() {
        running().start();
        return "Started: advertising the Improv service";
    }

    private BleProvisioner running() {
        BleProvisioner running = provisioner;
        if (running == null) {
            throw new IllegalStateException(BleHealthCheck.OFF);
        }
        return running;
    }
}
