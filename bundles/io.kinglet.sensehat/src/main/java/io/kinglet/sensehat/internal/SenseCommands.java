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
        property = {"osgi.command.scope=sense", "osgi.command.function=read"})
public class SenseCommands {

    private final SenseHat hat;

    @Activate
    public SenseCommands(@Reference SenseHat hat) {
        this.hat = hat;
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
