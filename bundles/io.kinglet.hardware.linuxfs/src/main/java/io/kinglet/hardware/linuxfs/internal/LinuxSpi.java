package io.kinglet.hardware.linuxfs.internal;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import io.kinglet.hardware.api.SpiBus;
import io.kinglet.hardware.api.SpiDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The kernel's SPI devices ({@code /dev/spidevB.C}) as the {@link SpiBus} service of provider
 * {@code linuxfs}, through Pi4J's linuxfs SPI provider (which calls {@code open} and {@code ioctl}
 * through JNA) in a Pi4J context of its own built on the first {@link #open}.
 */
@Component(service = SpiBus.class, property = SpiBus.PROVIDER + "=linuxfs")
public class LinuxSpi implements SpiBus {

    /** spidev's largest transfer in bytes (its module parameter), 4096 unless raised. */
    static final Path BUFSIZ = Path.of("/sys/module/spidev/parameters/bufsiz");

    static final String ENABLE =
            "enable SPI (raspi-config nonint do_spi 0, or dtparam=spi=on in config.txt) and reboot";

    /** Pi4J registers every device under a unique id; a reopened chip select gets a new one. */
    private final AtomicLong opened = new AtomicLong();

    private final Pi4jContext pi4j = new Pi4jContext("Linux SPI", LinuxFsSpiProvider::newInstance);

    @Override
    public SpiDevice open(int bus, int chipSelect, int speedHz, int mode) throws IOException {
        SpiBus.checkArguments(bus, chipSelect, speedHz, mode);
        String node = LinuxSpiDevice.node(bus, chipSelect);
        // Without spidev, Pi4J logs an ERROR with a stack trace (no bufsiz parameter) before it fails:
        // one line that says what to do serves an operator better.
        if (Files.notExists(Path.of(node))) {
            throw new IOException("SPI device " + node + " failed: no such device; " + ENABLE);
        }
        return create(bus, chipSelect, speedHz, mode);
    }

    /** Opens through Pi4J, without looking for the device node first. */
    SpiDevice create(int bus, int chipSelect, int speedHz, int mode) throws IOException {
        Context context = pi4j.get();
        String node = LinuxSpiDevice.node(bus, chipSelect);
        try {
            Spi spi = context.create(Spi.newConfigBuilder(context)
                    .id("spi-" + bus + "-" + chipSelect + "-" + opened.incrementAndGet())
                    .bus(bus)
                    .channel(chipSelect)
                    .baud(speedHz)
                    .mode(mode)
                    .provider(LinuxFsSpiProvider.ID)
                    .build());
            return new LinuxSpiDevice(context, spi, bus, chipSelect, speedHz, LinuxSpiDevice.bufsiz(BUFSIZ));
        } catch (RuntimeException | LinkageError e) {
            throw LinuxSpiDevice.failure(
                    "SPI device " + node, e, "; " + ENABLE + ", and let this user open " + node + " (group spi)");
        }
    }

    @Deactivate
    void deactivate() {
        pi4j.close();
    }
}
