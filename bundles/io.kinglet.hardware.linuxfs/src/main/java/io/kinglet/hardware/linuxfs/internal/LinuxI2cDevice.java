package io.kinglet.hardware.linuxfs.internal;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;

/**
 * One address on a kernel I2C bus, through Pi4J. Every Pi4J failure (its exceptions are unchecked)
 * becomes the {@link IOException} the hardware layer promises, naming the bus device and address.
 */
final class LinuxI2cDevice implements I2cDevice {

    private final Context context;
    private final I2C device;
    private final int bus;
    private final int address;

    LinuxI2cDevice(Context context, I2C device, int bus, int address) {
        this.context = context;
        this.device = device;
        this.bus = bus;
        this.address = address;
    }

    @Override
    public int bus() {
        return bus;
    }

    @Override
    public int address() {
        return address;
    }

    @Override
    public void write(int register, byte... data) throws IOException {
        checkRegister(register);
        try {
            int written = device.writeRegister(register, data, 0, data.length);
            if (written < 0) {
                throw new IOException(where(bus, address) + ": writing register " + hex(register) + " failed");
            }
        } catch (RuntimeException | LinkageError e) {
            throw failure(where(bus, address) + ": writing register " + hex(register), e);
        }
    }

    @Override
    public byte[] read(int register, int length) throws IOException {
        checkRegister(register);
        if (length < 0) {
            throw new IllegalArgumentException("cannot read " + length + " bytes");
        }
        byte[] buffer = new byte[length];
        int read;
        try {
            read = device.readRegister(register, buffer, 0, length);
        } catch (RuntimeException | LinkageError e) {
            throw failure(where(bus, address) + ": reading register " + hex(register), e);
        }
        if (read != length) {
            throw new IOException(where(bus, address) + ": reading register " + hex(register) + " returned " + read
                    + " of " + length + " bytes");
        }
        return buffer;
    }

    @Override
    public void close() throws IOException {
        try {
            context.shutdown(device.id());
        } catch (RuntimeException e) {
            throw failure(where(bus, address) + ": closing", e);
        }
    }

    static String where(int bus, int address) {
        return "I2C device " + hex(address) + " on /dev/i2c-" + bus;
    }

    static String hex(int value) {
        return String.format("0x%02x", value);
    }

    /**
     * {@code what} failed: the message says why in an operator's words. Pi4J's JNI library exists only
     * for armhf and aarch64; elsewhere its classes fail to link.
     */
    static IOException failure(String what, Throwable cause) {
        if (cause instanceof LinkageError) {
            return new IOException(
                    what + " failed: Pi4J's linuxfs I2C has no native library for this machine ("
                            + System.getProperty("os.arch") + "; it ships armhf and aarch64): " + cause,
                    cause);
        }
        String reason = cause.getMessage() == null
                ? cause.toString()
                : cause.getMessage().strip();
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        String hint = reason.contains("/sys/bus/i2c/devices/")
                ? "; enable I2C (raspi-config nonint do_i2c 0, or dtparam=i2c_arm=on in config.txt) and reboot"
                : "";
        return new IOException(what + " failed: " + reason + hint, cause);
    }

    private static void checkRegister(int register) {
        if (register < 0 || register > 0xFF) {
            throw new IllegalArgumentException("register " + register + " is not a byte (0x00..0xff)");
        }
    }
}
