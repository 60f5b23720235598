package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;

/** One opened address on the simulated bus; like a Linux handle, it finds out at each transfer who answers. */
final class SimulatedDevice implements I2cDevice {

    private final int bus;
    private final int address;
    private final SenseHat board;
    private volatile boolean closed;

    SimulatedDevice(int bus, int address, SenseHat board) {
        this.bus = bus;
        this.address = address;
        this.board = board;
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
        target().write(register, data.clone());
    }

    @Override
    public byte[] read(int register, int length) throws IOException {
        checkRegister(register);
        if (length < 0) {
            throw new IllegalArgumentException("cannot read " + length + " bytes");
        }
        return target().read(register, length);
    }

    @Override
    public void close() {
        closed = true;
    }

    private Chip target() throws IOException {
        if (closed) {
            throw new IOException(
                    "I2C device " + SenseHat.hex(address) + " on simulated I2C bus " + bus + " is closed");
        }
        return board.chip(bus, address);
    }

    private static void checkRegister(int register) {
        if (register < 0 || register > 0xFF) {
            throw new IllegalArgumentException("register " + register + " is not a byte (0x00..0xff)");
        }
    }
}
