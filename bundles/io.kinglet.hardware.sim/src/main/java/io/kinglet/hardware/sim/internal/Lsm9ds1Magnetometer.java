package io.kinglet.hardware.sim.internal;

import java.time.Duration;
import java.util.List;

/**
 * LSM9DS1 magnetometer (ST DocID025715), its own I2C address: power-down at reset (MD = 0b11),
 * continuous at 0.625 to 80 Hz, or single conversion after which it powers down again. The hard-iron
 * offset registers are subtracted from the output, as on the chip. A multi-byte transfer moves the
 * pointer only when bit 7 of the sub-address is set.
 */
final class Lsm9ds1Magnetometer extends StSensor {

    static final int ADDRESS = 0x1C;
    static final int WHO_AM_I = 0x0F;
    static final int OFFSET_X_REG_L_M = 0x05;
    static final int CTRL_REG1_M = 0x20;
    static final int CTRL_REG2_M = 0x21;
    static final int CTRL_REG3_M = 0x22;
    static final int CTRL_REG5_M = 0x24;
    static final int STATUS_REG_M = 0x27;
    /** A sample raises XDA, YDA, ZDA and ZYXDA together. */
    static final Output FIELD = new Output(0x28, 6, STATUS_REG_M, 0x0F);

    private static final double[] RATES = {0.625, 1.25, 2.5, 5, 10, 20, 40, 80};
    /** mgauss/LSB by FS: ±4, ±8, ±12, ±16 gauss. */
    private static final double[] MGAUSS_PER_LSB = {0.14, 0.29, 0.43, 0.58};

    Lsm9ds1Magnetometer(Environment environment) {
        super("lsm9ds1", ADDRESS, environment);
        reset();
    }

    @Override
    void reset() {
        clear();
        set(WHO_AM_I, 0x3D);
        set(CTRL_REG1_M, 0x10); // 10 Hz
        set(CTRL_REG3_M, 0x03); // power-down
        set(0x30, 0x08); // INT_CFG_M
    }

    @Override
    boolean writable(int register) {
        return (register >= OFFSET_X_REG_L_M && register <= 0x0A)
                || (register >= CTRL_REG1_M && register <= CTRL_REG5_M)
                || register == 0x30
                || register == 0x32
                || register == 0x33;
    }

    @Override
    boolean autoIncrement(int subAddress) {
        return (subAddress & 0x80) != 0;
    }

    @Override
    Duration period() {
        return (get(CTRL_REG3_M) & 0x03) == 0 ? hertz(RATES[(get(CTRL_REG1_M) >> 2) & 0x07]) : null;
    }

    @Override
    void written(int register) {
        if (register == CTRL_REG2_M && (get(CTRL_REG2_M) & 0x04) != 0) { // SOFT_RST
            reset();
        } else if (register == CTRL_REG2_M) {
            set(CTRL_REG2_M, get(CTRL_REG2_M) & ~0x08); // REBOOT clears itself
        } else if (register == CTRL_REG3_M && (get(CTRL_REG3_M) & 0x03) == 0x01) {
            // Single conversion: one sample, then power-down by itself.
            sample();
            set(CTRL_REG3_M, get(CTRL_REG3_M) | 0x03);
        }
    }

    @Override
    void sample() {
        double[] field = environment.magneticField();
        double gauss = MGAUSS_PER_LSB[(get(CTRL_REG2_M) >> 5) & 0x03] / 1000;
        long[] raw = new long[3];
        for (int axis = 0; axis < 3; axis++) {
            int offset = (short) (get(OFFSET_X_REG_L_M + 2 * axis) | get(OFFSET_X_REG_L_M + 2 * axis + 1) << 8);
            raw[axis] = s16(field[axis] / gauss - offset);
        }
        latch(FIELD, raw);
    }

    @Override
    List<Output> outputs() {
        return List.of(FIELD);
    }

    @Override
    boolean blockDataUpdate() {
        return (get(CTRL_REG5_M) & 0x40) != 0;
    }

    @Override
    public String mode() {
        Duration period = period();
        return period == null ? "power-down" : "continuous, " + describe(period);
    }
}
