package io.kinglet.watchdog.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Linux watchdog device. Opening it arms it, every write pets it, and writing {@code V} just
 * before closing disarms it (the magic close): an orderly stop must never reboot the box.
 */
final class HardwareWatchdog implements AutoCloseable {

    private static final byte[] PET = {'.'};
    private static final byte[] MAGIC_CLOSE = {'V'};

    private final LibC libc;
    private final Path device;
    private final int fd;
    private final String timeout;

    private HardwareWatchdog(LibC libc, Path device, int fd, String timeout) {
        this.libc = libc;
        this.device = device;
        this.fd = fd;
        this.timeout = timeout;
    }

    /**
     * Opens (arms) the device and asks for {@code timeoutSeconds}. A driver without
     * {@code WDIOC_SETTIMEOUT} keeps the kernel's timeout, which is then read from sysfs.
     */
    static HardwareWatchdog open(Path device, int timeoutSeconds) throws IOException {
        LibC libc = LibC.load();
        int fd;
        try {
            // O_APPEND changes nothing for a device; a plain file standing in for one keeps every write
            fd = libc.open(device.toString(), LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + device + ": " + e.getMessage()
                    + (e.getErrorCode() == 16 ? " (another process holds it: systemd's RuntimeWatchdogSec?)" : ""));
        }
        String timeout;
        try {
            IntByReference seconds = new IntByReference(timeoutSeconds);
            libc.ioctl(fd, LibC.WDIOC_SETTIMEOUT, seconds);
            timeout = seconds.getValue() + " s (set)";
        } catch (LastErrorException e) {
            timeout = kernelTimeout(device) + " (the driver did not take WDIOC_SETTIMEOUT: " + e.getMessage() + ")";
        }
        return new HardwareWatchdog(libc, device, fd, timeout);
    }

    /** {@code /sys/class/watchdog/<name>/timeout}: what the kernel was configured with. */
    private static String kernelTimeout(Path device) {
        String name = device.getFileName().toString();
        Path sysfs = Path.of("/sys/class/watchdog", name.equals("watchdog") ? "watchdog0" : name, "timeout");
        try {
            return Files.readString(sysfs, StandardCharsets.US_ASCII).strip() + " s (kernel)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    void pet() throws IOException {
        write(PET);
    }

    Path device() {
        return device;
    }

    /** The timeout in force and where it comes from, e.g. {@code 15 s (set)}. */
    String timeout() {
        return timeout;
    }

    /** The magic close: disarms the watchdog, so this stop does not reboot the device. */
    @Override
    public void close() throws IOException {
        try {
            write(MAGIC_CLOSE);
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException e) {
                throw new IOException("closing " + device + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void write(byte[] bytes) throws IOException {
        try {
            libc.write(fd, bytes, new NativeLong(bytes.length));
        } catch (LastErrorException e) {
            throw new IOException("writing to " + device + " failed: " + e.getMessage(), e);
        }
    }
}
