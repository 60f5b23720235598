package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.api.SpiBus;
import io.kinglet.hardware.api.SpiDevice;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated SPI bus with an LED strip on {@value #DEVICE}, as the {@link SpiBus} service of
 * provider {@code simulated}. The strip decodes the bits its chips would see, so tests and
 * {@code sim:strip} show what a real strip would light. Runs with defaults when there is no
 * configuration; a new configuration starts a fresh, dark strip.
 */
@Component(
        service = {SpiBus.class, SimulatedSpi.class},
        immediate = true,
        configurationPid = SimulatedSpi.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = SpiBus.PROVIDER + "=simulated")
@Designate(ocd = SimulatedSpi.Config.class)
public class SimulatedSpi implements SpiBus {

    static final String PID = "io.kinglet.hardware.sim.spi";
    static final String DEVICE = "/dev/spidev0.0";
    private static final int MAX_LEDS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSpi.class);

    @ObjectClassDefinition(
            id = PID,
            name = "Kinglet simulated SPI LED strip",
            description = "An LED strip on simulated SPI bus 0, chip select 0 (/dev/spidev0.0; SpiBus service with"
                    + " kinglet.spi.provider=simulated) that decodes each transfer bit by bit as its chips would")
    public @interface Config {

        @AttributeDefinition(
                name = "Chip",
                options = {
                    @Option(
                            label = "APA102 (clock and data; start frame, 32 bits per LED, end frame)",
                            value = "apa102"),
                    @Option(label = "WS2812 (data only; its bits encoded on MOSI at 2.4 MHz)", value = "ws2812")
                },
                description = "The LEDs on the strip, which decide how a transfer is decoded")
        String chip() default "apa102";

        @AttributeDefinition(
                name = "LEDs",
                min = "1",
                max = "2000",
                description = "How many LEDs the strip has; data for more is passed on by its last LED")
        int leds() default 300;
    }

    private final LedStrip strip;

    @Activate
    public SimulatedSpi(Config config) {
        if (config.leds() < 1 || config.leds() > MAX_LEDS) {
            throw new IllegalArgumentException("leds " + config.leds() + " is outside 1.." + MAX_LEDS
                    + " (configuration " + PID + ", property leds)");
        }
        this.strip = switch (config.chip()) {
            case "apa102" -> new Apa102Strip(config.leds());
            case "ws2812" -> new Ws2812Strip(config.leds());
            default ->
                throw new IllegalArgumentException("chip '" + config.chip()
                        + "' is neither apa102 nor ws2812 (configuration " + PID + ", property chip)");
        };
        LOG.info("Simulation: {} LED strip of {} LEDs on simulated SPI {}", strip.chip(), strip.leds(), DEVICE);
    }

    @Override
    public SpiDevice open(int bus, int chipSelect, int speedHz, int mode) throws IOException {
        SpiBus.checkArguments(bus, chipSelect, speedHz, mode);
        if (bus != 0 || chipSelect != 0) {
            throw new IOException("no SPI device /dev/spidev" + bus + "." + chipSelect
                    + " in the simulation: its LED strip is on " + DEVICE + " (configuration " + PID + ")");
        }
        // The mode is not modelled: a strip has no chip select and only MOSI's bits matter to it.
        return new SimulatedSpiDevice(bus, chipSelect, speedHz, strip);
    }

    /** The strip on {@value #DEVICE}, for {@code sim:strip} and tests. */
    LedStrip strip() {
        return strip;
    }
}
