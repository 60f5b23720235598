package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.api.I2cBus;
import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated I2C bus with a Sense HAT on it, as the {@link I2cBus} service of provider
 * {@code simulated}, and, when {@code root} is configured, the HAT's joystick and the CPU thermal zone
 * as files ({@link SimulatedSysfs}). Runs with defaults when there is no configuration; a new
 * configuration starts a fresh board (the chips power up again, as after a power cycle).
 */
@Component(
        service = {I2cBus.class, SimulatedI2c.class},
        immediate = true,
        configurationPid = SimulatedI2c.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = I2cBus.PROVIDER + "=simulated")
@Designate(ocd = SimulationConfiguration.class)
public class SimulatedI2c implements I2cBus {

    static final String PID = "io.kinglet.hardware.sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedI2c.class);

    private final int bus;
    private final Environment environment;
    private final SenseHat board;
    private final Optional<SimulatedSysfs> sysfs;

    @Activate
    public SimulatedI2c(SimulationConfiguration config) {
        this(config, Clock.systemUTC(), new SplittableRandom());
    }

    SimulatedI2c(SimulationConfiguration config, InstantSource clock, RandomGenerator random) {
        Hts221Calibration calibration = new Hts221Calibration(
                config.hts221H0RhX2(),
                config.hts221H1RhX2(),
                config.hts221T0DegCX8(),
                config.hts221T1DegCX8(),
                config.hts221H0T0Out(),
                config.hts221H1T0Out(),
                config.hts221T0Out(),
                config.hts221T1Out());
        this.bus = config.bus();
        this.environment = new Environment(
                clock, config.drift(), config.temperature(), config.humidity(), config.pressure(), random);
        for (Environment.Quantity q : Environment.Quantity.values()) {
            // Set points outside the chips' range would make every reading a lie: refuse them at start.
            environment.set(q, environment.setPoint(q));
        }
        this.board = new SenseHat(environment, calibration);
        LOG.info(
                "Simulation: Sense HAT on simulated I2C bus {} ({}), drift {}, HTS221 calibration {}",
                bus,
                board.chips().stream()
                        .map(c -> c.part() + " " + SenseHat.hex(c.address()))
                        .collect(Collectors.joining(", ")),
                config.drift() ? "on" : "off",
                calibration);
        this.sysfs = config.root().isBlank() ? Optional.empty() : Optional.of(sysfs(Path.of(config.root()), clock));
    }

    private SimulatedSysfs sysfs(Path root, InstantSource clock) {
        try {
            return new SimulatedSysfs(root, environment, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the simulated sys/ and dev/ trees under " + root + " (configuration " + PID
                            + ", property root): " + e,
                    e);
        }
    }

    @Deactivate
    void deactivate() {
        sysfs.ifPresent(SimulatedSysfs::close);
        LOG.info("Simulation: simulated I2C bus {} removed", bus);
    }

    @Override
    public I2cDevice open(int bus, int address) throws IOException {
        if (bus != this.bus) {
            throw new IOException("no simulated I2C bus " + bus + ": the simulation is bus " + this.bus
                    + " (configuration " + PID + ", property bus)");
        }
        if (address < 0 || address > 0x7F) {
            throw new IllegalArgumentException("I2C address " + address + " is not a 7-bit address (0x00..0x7f)");
        }
        return new SimulatedDevice(bus, address, board);
    }

    int bus() {
        return bus;
    }

    Environment environment() {
        return environment;
    }

    SenseHat board() {
        return board;
    }

    /** The joystick and thermal zone files, or empty when {@code root} is not configured. */
    Optional<SimulatedSysfs> sysfs() {
        return sysfs;
    }
}
