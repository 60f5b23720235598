package io.kinglet.hardware.linuxfs.internal;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import io.kinglet.hardware.api.SpiDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One chip select of a kernel SPI bus, through Pi4J. Every Pi4J failure (its exceptions are unchecked)
 * becomes the {@link IOException} the hardware layer promises, naming the device node.
 */
final class LinuxSpiDevice implements SpiDevice {

    private static final int DEFAULT_BUFSIZ = 4096;

    private final Context context;
    private final Spi spi;
    private final int bus;
    private final int chipSelect;
    private final int speedHz;
    private final int maxTransfer;
    private volatile boolean closed;

    LinuxSpiDevice(Context context, Spi spi, int bus, int chipSelect, int speedHz, int maxTransfer) {
        this.context = context;
        this.spi = spi;
        this.bus = bus;
        this.chipSelect = chipSelect;
        this.speedHz = speedHz;
        this.maxTransfer = maxTransfer;
    }

    @Override
    public int bus() {
        return bus;
    }

    @Override
    public int chipSelect() {
        return chipSelect;
    }

    @Override
    public int speedHz() {
        return speedHz;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        SpiDevice.checkRange(data, offset, length);
        String where = "SPI device " + node(bus, chipSelect);
        if (closed) {
            throw new IOException(where + " is closed");
        }
        // Pi4J would cut a longer write into several transfers, and a WS2812 strip latches at each gap.
        if (length > maxTransfer) {
            throw new IOException(where + ": a transfer of " + length + " bytes is more than spidev's buffer of "
                    + maxTransfer + " bytes; raise it with spidev.bufsiz=<bytes> in cmdline.txt and reboot");
        }
        if (length == 0) {
            return;
        }
        // Pi4J 3.0.3 writes from offset to the end of the array whatever the length: hand it exactly the
        // bytes, copying only when the caller's array holds more (an LED loop passes whole frames, and
        // must not allocate per frame)
        byte[] transfer =
                offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
        int written;
        try {
            written = spi.write(transfer, 0, length);
        } catch (RuntimeException | LinkageError e) {
            throw failure(where + ": writing " + length + " bytes", e, "");
        }
        if (written != length) {
            throw new IOException(
                    where + ": the kernel refused a transfer of " + length + " bytes (Pi4J logs its errno)");
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            context.shutdown(spi.id());
        } catch (RuntimeException e) {
            throw failure("SPI device " + node(bus, chipSelect) + ": closing", e, "");
        }
    }

    static String node(int bus, int chipSelect) {
        return "/dev/spidev" + bus + "." + chipSelect;
    }

    /** spidev's largest transfer as its module parameter {@code file} says, or the kernel's default. */
    static int bufsiz(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_BUFSIZ;
        }
    }

    /** {@code what} failed: the message says why in an operator's words, then {@code advice}. */
    static IOException failure(String what, Throwable cause, String advice) {
        String reason;
        if (cause instanceof LinkageError) {
            reason = "JNA, through which Pi4J's SPI provider calls the kernel, is not usable on this machine ("
                    + System.getProperty("os.arch") + "): " + cause;
        } else {
            reason = cause.getMessage() == null
                    ? cause.toString()
                    : cause.getMessage().strip();
            if (reason.endsWith(".")) {
                reason = reason.substring(0, reason.length() - 1);
            }
        }
        return new IOException(what + " failed: " + reason + advice, cause);
    }
}
