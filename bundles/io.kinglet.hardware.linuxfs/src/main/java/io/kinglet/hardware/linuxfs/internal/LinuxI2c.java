package io.kinglet.hardware.linuxfs.internal;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.kinglet.hardware.api.I2cBus;
import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The kernel's I2C buses ({@code /dev/i2c-N}) as the {@link I2cBus} service of provider
 * {@code linuxfs}, through a Pi4J context of its own built on the first {@link #open}.
 */
@Component(service = I2cBus.class, property = I2cBus.PROVIDER + "=linuxfs")
public class LinuxI2c implements I2cBus {

    /** Pi4J registers every device under a unique id; a reopened address gets a new one. */
    private final AtomicLong opened = new AtomicLong();

    private final Pi4jContext pi4j = new Pi4jContext("Linux I2C", LinuxFsI2CProvider::newInstance);

    @Override
    public I2cDevice open(int bus, int address) throws IOException {
        if (bus < 0) {
            throw new IllegalArgumentException("I2C bus " + bus + " is negative");
        }
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(
                    "I2C address " + LinuxI2cDevice.hex(address) + " is not a 7-bit device address (0x03..0x77)");
        }
        String where = LinuxI2cDevice.where(bus, address);
        try {
            Context context = pi4j.get();
            I2C device = context.create(I2C.newConfigBuilder(context)
                    .id("i2c-" + bus + "-" + LinuxI2cDevice.hex(address) + "-" + opened.incrementAndGet())
                    .bus(bus)
                    .device(address)
                    .provider(LinuxFsI2CProvider.ID)
                    .build());
            return new LinuxI2cDevice(context, device, bus, address);
        } catch (RuntimeException | LinkageError e) {
            throw LinuxI2cDevice.failure(where, e);
        }
    }

    @Deactivate
    void deactivate() {
        pi4j.close();
    }
}
