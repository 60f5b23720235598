package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.api.SpiDevice;
import java.io.IOException;
import java.util.Arrays;

/** One opened chip select on the simulated SPI bus: each write is one transfer into the strip's data input. */
final class SimulatedSpiDevice implements SpiDevice {

    private final int bus;
    private final int chipSelect;
    private final int speedHz;
    private final LedStrip strip;
    private volatile boolean closed;

    SimulatedSpiDevice(int bus, int chipSelect, int speedHz, LedStrip strip) {
        this.bus = bus;
        this.chipSelect = chipSelect;
        this.speedHz = speedHz;
        this.strip = strip;
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
        if (closed) {
            throw new IOException("SPI device /dev/spidev" + bus + "." + chipSelect + " is closed");
        }
        // A copy: the caller may refill its buffer for the next frame while the strip still holds this one.
        strip.receive(Arrays.copyOfRange(data, offset, offset + length), speedHz);
    }

    @Override
    public void close() {
        closed = true;
    }
}
