package io.kinglet.hardware.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** The I2C buses of one provider (Linux, or the simulation), registered as a service. */
@ProviderType
public interface I2cBus {

    /** Service property naming the provider, e.g. {@code linuxfs} or {@code simulated}: capabilities target it. */
    String PROVIDER = "kinglet.i2c.provider";

    /**
     * The device at {@code address} (7-bit) on bus {@code bus} ({@code /dev/i2c-<bus>}). Opening does
     * not talk to the device: a device that is not there fails its first transfer.
     */
    I2cDevice open(int bus, int address) throws IOException;
}
