package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.util.Map;

/** A driver for one chip (one I2C address) of the Sense HAT. */
interface Chip {

    /** e.g. {@code HTS221}. */
    String name();

    int address();

    /** Checks that the right chip answers (WHO_AM_I), reads what it needs once, and powers it up. */
    void start(I2cDevice device) throws IOException;

    /** The values the chip has measured since the last read: none when it has no new data (its status bits). */
    Map<Quantity, Double> read(I2cDevice device) throws IOException;

    /** Refuses a chip that answers with another identity: a wrong part, or a wrong address. */
    static void expectIdentity(I2cDevice device, String name, int register, int expected) throws IOException {
        int id = device.read(register, 1)[0] & 0xFF;
        if (id != expected) {
            throw new IOException(String.format(
                    "%s at 0x%02x answers WHO_AM_I 0x%02x instead of 0x%02x: another part, or the wrong address",
                    name, device.address(), id, expected));
        }
    }

    /** A signed 16-bit little-endian value at {@code offset}. */
    static int s16(byte[] bytes, int offset) {
        return (short) ((bytes[offset] & 0xFF) | (bytes[offset + 1] << 8));
    }
}
