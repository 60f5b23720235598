package io.kinglet.hardware.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One device on an I2C bus, as the register-based chips see it: a transfer that writes a register
 * address (the register pointer) and then data or a read that starts at the pointer. Whether a
 * multi-byte read moves the pointer is the chip's business: ST's parts (HTS221, LPS25H, LSM9DS1)
 * auto-increment only when bit 7 (0x80) of the register address is set, so their drivers ask for it.
 * A device that does not acknowledge fails with an {@link IOException} naming bus and address.
 */
@ProviderType
public interface I2cDevice extends AutoCloseable {

    int bus();

    int address();

    /** Sets the register pointer to {@code register} and writes {@code data} from there, in one transfer. */
    void write(int register, byte... data) throws IOException;

    /** Sets the register pointer to {@code register}, then reads {@code length} bytes (repeated start). */
    byte[] read(int register, int length) throws IOException;

    @Override
    void close() throws IOException;
}
