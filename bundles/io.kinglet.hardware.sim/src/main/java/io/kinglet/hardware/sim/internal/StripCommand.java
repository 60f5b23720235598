package io.kinglet.hardware.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code sim:strip}: what the simulated LED strip decoded from the SPI bus and what it shows. Apart from
 * the I2C commands, so that it comes and goes with the SPI simulation alone.
 */
@Component(
        service = StripCommand.class,
        property = {"osgi.command.scope=sim", "osgi.command.function=strip"})
public class StripCommand {

    private static final int SHOWN = 16;

    private final SimulatedSpi spi;

    @Activate
    public StripCommand(@Reference SimulatedSpi spi) {
        this.spi = spi;
    }

    @Descriptor("show the simulated LED strip: chip, LEDs, frames decoded and refused, and the first LEDs' colours")
    public String strip() {
        LedStrip strip = spi.strip();
        List<String> lines = new ArrayList<>();
        lines.add(
                "Simulated LED strip on " + SimulatedSpi.DEVICE + ": " + strip.chip() + ", " + strip.leds() + " LEDs");
        lines.add("Frames " + strip.frames() + ", bad frames " + strip.badFrames() + ", last error: "
                + (strip.lastError().isEmpty() ? "none" : strip.lastError()));
        int[] rgb = strip.pixels();
        int shown = Math.min(SHOWN, strip.leds());
        StringBuilder colours = new StringBuilder("LEDs 0.." + (shown - 1) + ":");
        for (int i = 0; i < shown; i++) {
            colours.append(String.format(Locale.ROOT, " %02x%02x%02x", rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]));
        }
        lines.add(colours.toString());
        return String.join("\n", lines);
    }
}
