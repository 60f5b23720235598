package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.util.Map;

/** A driver for one chip (one I2C address) of the Sense HAT: all are ST parts with WHO_AM_I at 0x0F. */
abstract class Chip {

    private static final int WHO_AM_I = 0x0F;
    /** ST's sub-address bit 7: a multi-byte read moves on to the next register (not on the LSM9DS1's A/G). */
    static final int AUTO_INCREMENT = 0x80;

    private final String name;
    private final int address;
    private final int identity;

    Chip(String name, int address, int identity) {
        this.name = name;
        this.address = address;
        this.identity = identity;
    }

    /** e.g. {@code HTS221}. */
    final String name() {
        return name;
    }

    final int address() {
        return address;
    }

    /** Refuses a chip that answers with another identity (a wrong part, or a wrong address), then powers it up. */
    final void start(I2cDevice device) throws IOException {
        int id = device.read(WHO_AM_I, 1)[0] & 0xFF;
        if (id != identity) {
            throw new IOException(String.format(
                    "%s at 0x%02x answers WHO_AM_I 0x%02x instead of 0x%02x: another part, or the wrong address",
                    name, address, id, identity));
        }
        powerUp(device);
    }

    /** Reads what the chip needs once (a calibration) and sets it measuring. */
    abstract void powerUp(I2cDevice device) throws IOException;

    /** The values the chip has measured since the last read: none when it has no new data (its status bits). */
    abstract Map<Quantity, Double> read(I2cDevice device) throws IOException;

    /** A signed 16-bit little-endian value at {@code offset}. */
    static int s16(byte[] bytes, int offset) {
        return (short) ((bytes[offset] & 0xFF) | (bytes[offset + 1] << 8));
    }
}
