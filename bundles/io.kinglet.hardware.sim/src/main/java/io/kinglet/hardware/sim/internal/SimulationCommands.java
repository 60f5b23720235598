package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.sim.internal.Environment.Quantity;
import io.kinglet.hardware.sim.internal.SimulatedSysfs.Key;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sim:set|fail|heal|press|status}: drive the simulated environment, break or mend its chips,
 * press the joystick.
 */
@Component(
        service = SimulationCommands.class,
        property = {
            "osgi.command.scope=sim",
            "osgi.command.function=set",
            "osgi.command.function=fail",
            "osgi.command.function=heal",
            "osgi.command.function=press",
            "osgi.command.function=status"
        })
public class SimulationCommands {

    private static final Logger LOG = LoggerFactory.getLogger(SimulationCommands.class);

    private final SimulatedI2c simulation;

    @Activate
    public SimulationCommands(@Reference SimulatedI2c simulation) {
        this.simulation = simulation;
    }

    @Descriptor("move a set point of the simulated environment")
    public String set(
            @Descriptor("temperature (°C), humidity (%rH), pressure (hPa) or cpu (°C)") String quantity,
            @Descriptor("the new set point") String value)
            throws IOException {
        Quantity q = quantity(quantity);
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number: " + q.range());
        }
        Environment environment = simulation.environment();
        double before = environment.setPoint(q);
        environment.set(q, number);
        if (q == Quantity.CPU) {
            // At once, not at the next periodic write: a reader polling the zone sees the step now.
            Optional<SimulatedSysfs> sysfs = simulation.sysfs();
            if (sysfs.isPresent()) {
                sysfs.get().writeThermal();
            }
        }
        String line = "Simulation: " + q.label() + " set point " + before + " -> " + number + " " + q.unit;
        LOG.info("{} (sim:set)", line);
        return line;
    }

    @Descriptor("make a chip stop acknowledging on the bus, as a broken or unplugged part does")
    public String fail(@Descriptor("hts221, lps25h or lsm9ds1") String chip) {
        String line = simulation.board().fail(chip)
                ? "Simulation: " + describe(chip) + " stops acknowledging"
                : "Simulation: " + describe(chip) + " has already failed";
        LOG.info("{} (sim:fail)", line);
        return line;
    }

    @Descriptor("make a failed chip acknowledge again")
    public String heal(@Descriptor("hts221, lps25h or lsm9ds1") String chip) {
        String line = simulation.board().heal(chip)
                ? "Simulation: " + describe(chip) + " acknowledges again"
                : "Simulation: " + describe(chip) + " had not failed";
        LOG.info("{} (sim:heal)", line);
        return line;
    }

    @Descriptor("press and release a key of the simulated Sense HAT joystick, or the simulated GPIO button")
    public String press(@Descriptor("UP, DOWN, LEFT, RIGHT, ENTER (joystick) or BUTTON") String key)
            throws IOException {
        SimulatedSysfs sysfs = simulation
                .sysfs()
                .orElseThrow(() -> new IllegalStateException("no simulated joystick: set root in " + SimulatedI2c.PID
                        + " (the folder for the simulated sys/ and dev/ trees)"));
        Key k = Key.parse(key);
        sysfs.press(k);
        String line = "Simulation: " + k.device() + " " + k + " pressed and released (" + k.event + ")";
        LOG.info("{} (sim:press)", line);
        return line;
    }

    @Descriptor("show the set points, the true values now, and the chips with their state")
    public String status() {
        Environment environment = simulation.environment();
        List<String> lines = new ArrayList<>();
        lines.add("Simulated I2C bus " + simulation.bus() + ", drift " + (environment.drifting() ? "on" : "off"));
        lines.add(String.format(Locale.ROOT, "%-14s %-14s %s", "Quantity", "Set point", "Now"));
        for (Quantity q : Quantity.values()) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%-14s %-14s %s",
                    q.label(),
                    String.format(Locale.ROOT, "%.2f %s", environment.setPoint(q), q.unit),
                    String.format(Locale.ROOT, "%.2f %s", environment.value(q), q.unit)));
        }
        lines.add(vector("acceleration", environment.acceleration(), "g"));
        lines.add(vector("angular rate", environment.angularRate(), "dps"));
        lines.add(vector("magnetic field", environment.magneticField(), "gauss"));
        lines.add(simulation
                .sysfs()
                .map(f -> "Joystick " + f.event() + ", CPU thermal zone " + f.thermal())
                .orElse("Joystick and CPU thermal zone not simulated (property root of " + SimulatedI2c.PID + ")"));
        lines.add("Chips");
        for (Chip chip : simulation.board().chips()) {
            String state = simulation.board().failed(chip.part()) ? "FAILED (sim:heal " + chip.part() + ")" : "ok";
            lines.add(String.format(
                    Locale.ROOT, "%-8s %s  %-28s %s", chip.part(), SenseHat.hex(chip.address()), state, chip.mode()));
        }
        return String.join("\n", lines);
    }

    private String describe(String part) {
        String name = part.toLowerCase(Locale.ROOT);
        return name + " ("
                + simulation.board().chips().stream()
                        .filter(c -> c.part().equals(name))
                        .map(c -> SenseHat.hex(c.address()))
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static Quantity quantity(String name) {
        return Arrays.stream(Quantity.values())
                .filter(q -> q.label().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown quantity '" + name + "': "
                        + Arrays.stream(Quantity.values()).map(Quantity::range).collect(Collectors.joining(", "))));
    }

    private static String vector(String label, double[] v, String unit) {
        return String.format(Locale.ROOT, "%-14s %.3f, %.3f, %.3f %s", label, v[0], v[1], v[2], unit);
    }
}
