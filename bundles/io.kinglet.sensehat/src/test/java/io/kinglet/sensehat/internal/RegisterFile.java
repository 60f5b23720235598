package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cDevice;
import java.util.Arrays;

/**
 * A bare register file with ST's sub-address rule (a multi-byte read moves on only when bit 7 is
 * set), for testing the drivers' arithmetic with values written straight into registers.
 */
final class RegisterFile implements I2cDevice {

    final byte[] registers = new byte[128];
    private final int address;
    private final boolean autoIncrementByBit7;

    RegisterFile(int address, boolean autoIncrementByBit7) {
        this.address = address;
        this.autoIncrementByBit7 = autoIncrementByBit7;
    }

    RegisterFile set(int register, int... values) {
        for (int i = 0; i < values.length; i++) {
            registers[register + i] = (byte) values[i];
        }
        return this;
    }

    @Override
    public int bus() {
        return 1;
    }

    @Override
    public int address() {
        return address;
    }

    @Override
    public void write(int register, byte... data) {
        System.arraycopy(data, 0, registers, register & 0x7F, data.length);
    }

    @Override
    public byte[] read(int register, int length) {
        int start = autoIncrementByBit7 ? register & 0x7F : register;
        boolean increment = !autoIncrementByBit7 || (register & 0x80) != 0;
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = registers[increment ? start + i : start];
        }
        return out;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return Arrays.toString(registers);
    }
}
