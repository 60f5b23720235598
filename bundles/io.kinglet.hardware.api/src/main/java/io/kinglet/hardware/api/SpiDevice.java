package io.kinglet.hardware.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One chip select on an SPI bus, opened at a fixed clock and mode. Only writing is offered: the parts
 * driven here (LED strips) have no MISO line. Each {@link #write} is one transfer with chip select held
 * for its whole length, so a strip's frame is never split: a WS2812 would latch at a gap.
 */
@ProviderType
public interface SpiDevice extends AutoCloseable {

    int bus();

    int chipSelect();

    /** The clock asked for at {@link SpiBus#open}; the controller may run slightly slower (its divider). */
    int speedHz();

    /**
     * Clocks {@code length} bytes of {@code data} from {@code offset} out on MOSI, most significant bit
     * first, in one half-duplex transfer.
     *
     * @throws IllegalArgumentException when {@code offset} and {@code length} do not lie within {@code data}
     * @throws IOException when the transfer fails or the device is closed
     */
    void write(byte[] data, int offset, int length) throws IOException;

    /** The range check {@link #write} promises, for providers to apply alike. */
    static void checkRange(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException(
                    "offset " + offset + " and length " + length + " do not lie within " + data.length + " bytes");
        }
    }

    @Override
    void close() throws IOException;
}
