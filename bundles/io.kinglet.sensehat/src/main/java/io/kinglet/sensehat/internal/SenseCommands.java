package io.kinglet.sensehat.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code sense:read}: the latest values with their units and age, and how each chip answers. */
@Component(
        service = SenseCommands.class,
        property = {"osgi.command.scope=sense", "osgi.command.function=read", "osgi.command.function=alerts"})
public class SenseCommands {

    private final SenseHat hat;
    private final AlertMonitor alerts;
    private final WebhookSender webhook;
    private final JoystickEvents joystick;

    @Activate
    public SenseCommands(
            @Reference SenseHat hat,
            @Reference AlertMonitor alerts,
            @Reference WebhookSender webhook,
            @Reference JoystickEvents joystick) {
        this.hat = hat;
        this.alerts = alerts;
        this.webhook = webhook;
        this.joystick = joystick;
    }

    @Descriptor("show the raised alerts and how many are configured")
    public String alerts() {
        List<String> lines = new ArrayList<>();
        alerts.active().forEach(a -> lines.add("RAISED  " + a.describe()));
        lines.add(alerts.active().size() + " raised of " + alerts.rules()
                + " configured (io.kinglet.sensehat.alert-*.cfg);" + " webhook: " + webhook.target());
        return String.join("\n", lines);
    }

    @Descriptor("show the latest reading of every quantity (value, unit, age, chip) and the state of each chip")
    public String read() {
        Instant now = Instant.now();
        List<String> lines = new ArrayList<>();
        Map<Quantity, SenseHat.Reading> latest = hat.latest();
        for (Quantity quantity : Quantity.values()) {
            SenseHat.Reading r = latest.get(quantity);
            lines.add(
                    r == null
                            ? String.format("%-22s —", quantity.label())
                            : String.format(
                                    "%-22s %9.3f %-6s %5.1f s ago  (%s)",
                                    quantity.label(),
                                    r.value(),
                                    quantity.unit,
                                    Duration.between(r.at(), now).toMillis() / 1000.0,
                                    r.chip()));
        }
        lines.add("joystick: " + joystick.where() + "; last key: " + joystick.last());
        for (ChipReader.State chip : hat.chips()) {
            lines.add(
                    chip.up()
                            ? chip.where() + ": answering"
                            : chip.where() + ": FAILING: " + chip.failure() + " (" + chip.failures()
                                    + " attempts; next at " + chip.nextAttempt() + ")");
        }
        return String.join("\n", lines);
    }
}
