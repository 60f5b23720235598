package io.kinglet.hardware.sim.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What ST's sensors share: 128 registers behind a 7-bit pointer, output blocks whose samples set
 * STATUS_REG bits that reading the block's last register clears, block data update (BDU), and
 * continuous sampling at the output data rate. Sampling is lazy: each transfer first catches up with
 * the clock, so a test that moves its clock sees exactly the samples a real chip would have taken.
 */
abstract class StSensor implements Chip {

    /** An output block: its registers, little-endian, and the status bits a new sample sets. */
    record Output(int first, int length, int statusRegister, int statusMask) {

        int last() {
            return first + length - 1;
        }

        boolean contains(int register) {
            return register >= first && register <= last();
        }
    }

    final Environment environment;
    private final String part;
    private final int address;
    private final byte[] registers = new byte[128];
    /** Blocks whose low bytes were read under BDU: they keep their sample until the last byte is read. */
    private final Set<Output> halfRead = new HashSet<>();

    private Duration period;
    private Instant nextSample;

    StSensor(String part, int address, Environment environment) {
        this.part = part;
        this.address = address;
        this.environment = environment;
    }

    /** The power-on register values (the constructor of each chip calls it once, SW_RESET again). */
    abstract void reset();

    abstract boolean writable(int register);

    /** Whether a transfer starting at this sub-address moves the pointer after each byte. */
    abstract boolean autoIncrement(int subAddress);

    /** The sample period in continuous mode, or null when the chip takes no samples by itself. */
    abstract Duration period();

    /** Measures the environment now and latches the results into the output blocks. */
    abstract void sample();

    abstract List<Output> outputs();

    abstract boolean blockDataUpdate();

    /** A control register was written: one-shot, reset and the like act here. */
    void written(int register) {}

    /** The register a read at this address returns (some chips mirror a register at two addresses). */
    int alias(int register) {
        return register;
    }

    @Override
    public String part() {
        return part;
    }

    @Override
    public int address() {
        return address;
    }

    @Override
    public final synchronized void write(int subAddress, byte... data) {
        catchUp();
        int register = subAddress & 0x7F;
        boolean increment = autoIncrement(subAddress);
        for (byte b : data) {
            if (writable(register)) {
                registers[register] = b;
                written(register);
            }
            register = increment ? (register + 1) & 0x7F : register;
        }
        catchUp();
    }

    @Override
    public final synchronized byte[] read(int subAddress, int length) {
        catchUp();
        byte[] out = new byte[length];
        int register = subAddress & 0x7F;
        boolean increment = autoIncrement(subAddress);
        for (int i = 0; i < length; i++) {
            out[i] = registers[alias(register)];
            readOutput(register);
            register = increment ? (register + 1) & 0x7F : register;
        }
        return out;
    }

    final int get(int register) {
        return registers[register] & 0xFF;
    }

    final void set(int register, int value) {
        registers[register] = (byte) value;
    }

    /** Power-on state: registers to zero, then the chip's reset values, and no sample pending. */
    final void clear() {
        Arrays.fill(registers, (byte) 0);
        halfRead.clear();
        period = null;
        nextSample = null;
    }

    /** Stores a sample in a block unless BDU holds it, and raises its data-available bits. */
    final void latch(Output output, long... values) {
        if (halfRead.contains(output)) {
            return;
        }
        int width = output.length() / values.length;
        for (int v = 0; v < values.length; v++) {
            for (int b = 0; b < width; b++) {
                registers[output.first() + v * width + b] = (byte) (values[v] >> (8 * b));
            }
        }
        set(output.statusRegister(), get(output.statusRegister()) | output.statusMask());
    }

    static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    static long s16(double value) {
        return clamp(Math.round(value), Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static Duration hertz(double rate) {
        return Duration.ofNanos(Math.round(1e9 / rate));
    }

    static String describe(Duration period) {
        return period == null ? "one-shot" : Math.round(1e10 / period.toNanos()) / 10.0 + " Hz";
    }

    private void readOutput(int register) {
        for (Output output : outputs()) {
            if (register == output.last()) {
                set(output.statusRegister(), get(output.statusRegister()) & ~output.statusMask());
                halfRead.remove(output);
            } else if (output.contains(register) && blockDataUpdate()) {
                halfRead.add(output);
            }
        }
    }

    /** Takes the sample that fell due since the last transfer; samples in between were overwritten anyway. */
    private void catchUp() {
        Duration now = period();
        Instant time = environment.clock().instant();
        if (now == null || !now.equals(period)) {
            period = now;
            nextSample = now == null ? null : time.plus(now);
            return;
        }
        if (time.isBefore(nextSample)) {
            return;
        }
        sample();
        long missed = Duration.between(nextSample, time).toNanos() / period.toNanos();
        nextSample = nextSample.plus(period.multipliedBy(missed + 1));
    }
}
