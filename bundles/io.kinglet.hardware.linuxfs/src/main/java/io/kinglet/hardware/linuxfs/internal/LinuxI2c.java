package io.kinglet.hardware.linuxfs.internal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.kinglet.hardware.api.I2cBus;
import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's I2C buses ({@code /dev/i2c-N}) as the {@link I2cBus} service of provider
 * {@code linuxfs}. The Pi4J context is built on the first {@link #open}, so a runtime whose
 * capabilities use another provider (the default profile's simulation) never loads Pi4J; it is built
 * without auto-detection (no ServiceLoader scan of plugins, which does not work across bundles) and
 * without Pi4J's JVM shutdown hook: this component's life is the context's.
 */
@Component(service = I2cBus.class, property = I2cBus.PROVIDER + "=linuxfs")
public class LinuxI2c implements I2cBus {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxI2c.class);

    /** Pi4J registers every device under a unique id; a reopened address gets a new one. */
    private final AtomicLong opened = new AtomicLong();

    private Context context;
    private boolean closed;

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
            Context pi4j = context();
            I2C device = pi4j.create(I2C.newConfigBuilder(pi4j)
                    .id("i2c-" + bus + "-" + LinuxI2cDevice.hex(address) + "-" + opened.incrementAndGet())
                    .bus(bus)
                    .device(address)
                    .provider(LinuxFsI2CProvider.ID)
                    .build());
            return new LinuxI2cDevice(pi4j, device, bus, address);
        } catch (RuntimeException | LinkageError e) {
            throw LinuxI2cDevice.failure(where, e);
        }
    }

    private synchronized Context context() throws IOException {
        if (closed) {
            throw new IOException("the Linux I2C provider has stopped");
        }
        if (context == null) {
            context = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .disableShutdownHook()
                    .add(LinuxFsI2CProvider.newInstance())
                    .build();
            LOG.info("Linux I2C: Pi4J context ready (linuxfs I2C provider, no auto-detection)");
        }
        return context;
    }

    @Deactivate
    synchronized void deactivate() {
        closed = true;
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("Linux I2C: shutting down the Pi4J context failed: {}", e.toString());
            }
            context = null;
        }
    }
}
