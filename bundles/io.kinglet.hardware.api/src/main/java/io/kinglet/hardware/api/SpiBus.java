package io.kinglet.hardware.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The SPI buses of one provider (Linux, or the simulation), registered as a service. LED strips
 * (APA102, and WS2812 whose one-wire timing is encoded on MOSI) are driven through it.
 */
@ProviderType
public interface SpiBus {

    /** Service property naming the provider, e.g. {@code linuxfs} or {@code simulated}: capabilities target it. */
    String PROVIDER = "kinglet.spi.provider";

    /**
     * The device on chip select {@code chipSelect} of bus {@code bus} ({@code /dev/spidev<bus>.<chipSelect>}),
     * clocked at {@code speedHz} in SPI {@code mode} (0..3: CPOL is bit 1, CPHA bit 0). Unlike I2C,
     * opening fails at once when the device node is missing, since SPI has no acknowledge to fail later.
     *
     * @throws IllegalArgumentException when {@code bus} or {@code chipSelect} is negative, {@code speedHz}
     *     is not positive or {@code mode} is not 0..3
     * @throws IOException when the provider has no such device or cannot open it
     */
    SpiDevice open(int bus, int chipSelect, int speedHz, int mode) throws IOException;

    /** The argument checks {@link #open} promises, for providers to apply alike. */
    static void checkArguments(int bus, int chipSelect, int speedHz, int mode) {
        if (bus < 0) {
            throw new IllegalArgumentException("SPI bus " + bus + " is negative");
        }
        if (chipSelect < 0) {
            throw new IllegalArgumentException("SPI chip select " + chipSelect + " is negative");
        }
        if (speedHz <= 0) {
            throw new IllegalArgumentException("SPI speed " + speedHz + " Hz is not positive");
        }
        if (mode < 0 || mode > 3) {
            throw new IllegalArgumentException("SPI mode " + mode + " is not 0..3");
        }
    }
}
