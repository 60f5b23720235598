package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.sim.internal.Environment.Quantity;
import java.time.Duration;
import java.util.List;

/**
 * LSM9DS1 accelerometer and gyroscope (ST DocID025715), one I2C address. The gyroscope never runs
 * alone: with ODR_G set both sensors sample at the gyroscope's rate, otherwise the accelerometer at
 * ODR_XL. The register address is the sub-address's 7 low bits; whether a multi-byte transfer moves
 * the pointer is CTRL_REG8's IF_ADD_INC (on at reset), not bit 7.
 */
final class Lsm9ds1AccelGyro extends StSensor {

    static final int ADDRESS = 0x6A;
    static final int WHO_AM_I = 0x0F;
    static final int CTRL_REG1_G = 0x10;
    static final int STATUS_REG = 0x17;
    static final int CTRL_REG6_XL = 0x20;
    static final int CTRL_REG8 = 0x22;
    /** STATUS_REG is readable at 0x27 too. */
    static final int STATUS_REG_MIRROR = 0x27;

    static final Output TEMPERATURE = new Output(0x15, 2, STATUS_REG, 0x04);
    static final Output GYRO = new Output(0x18, 6, STATUS_REG, 0x02);
    static final Output ACCEL = new Output(0x28, 6, STATUS_REG, 0x01);
    private static final List<Output> OUTPUTS = List.of(TEMPERATURE, GYRO, ACCEL);

    private static final double[] GYRO_RATES = {0, 14.9, 59.5, 119, 238, 476, 952};
    private static final double[] ACCEL_RATES = {0, 10, 50, 119, 238, 476, 952};
    /** mg/LSB by FS_XL: ±2, ±16, ±4, ±8 g. */
    private static final double[] ACCEL_MG_PER_LSB = {0.061, 0.732, 0.122, 0.244};
    /** mdps/LSB by FS_G: 245, 500, (not available: kept at 245), 2000 dps. */
    private static final double[] GYRO_MDPS_PER_LSB = {8.75, 17.5, 8.75, 70};

    Lsm9ds1AccelGyro(Environment environment) {
        super("lsm9ds1", ADDRESS, environment);
        reset();
    }

    @Override
    void reset() {
        clear();
        set(WHO_AM_I, 0x68);
        set(0x1E, 0x38); // CTRL_REG4: gyroscope axes on
        set(0x1F, 0x38); // CTRL_REG5_XL: accelerometer axes on
        set(CTRL_REG8, 0x04); // IF_ADD_INC
    }

    @Override
    boolean writable(int register) {
        return (register >= 0x04 && register <= 0x0D)
                || (register >= CTRL_REG1_G && register <= 0x13)
                || (register >= 0x1E && register <= 0x24)
                || register == 0x2E
                || (register >= 0x30 && register <= 0x37);
    }

    @Override
    boolean autoIncrement(int subAddress) {
        return (get(CTRL_REG8) & 0x04) != 0;
    }

    @Override
    int alias(int register) {
        return register == STATUS_REG_MIRROR ? STATUS_REG : register;
    }

    @Override
    Duration period() {
        int gyro = gyroOdr();
        if (gyro != 0) {
            return hertz(GYRO_RATES[gyro]);
        }
        int accel = (get(CTRL_REG6_XL) >> 5) & 0x07;
        return accel > 0 && accel < ACCEL_RATES.length ? hertz(ACCEL_RATES[accel]) : null;
    }

    @Override
    void written(int register) {
        if (register != CTRL_REG8) {
            return;
        }
        if ((get(CTRL_REG8) & 0x01) != 0) { // SW_RESET
            reset();
        }
        set(CTRL_REG8, get(CTRL_REG8) & ~0x80); // BOOT clears itself
    }

    @Override
    void sample() {
        double[] g = environment.acceleration();
        double mg = ACCEL_MG_PER_LSB[(get(CTRL_REG6_XL) >> 3) & 0x03] / 1000;
        latch(ACCEL, s16(g[0] / mg), s16(g[1] / mg), s16(g[2] / mg));
        if (gyroOdr() != 0) {
            double[] rate = environment.angularRate();
            double mdps = GYRO_MDPS_PER_LSB[(get(CTRL_REG1_G) >> 3) & 0x03] / 1000;
            latch(GYRO, s16(rate[0] / mdps), s16(rate[1] / mdps), s16(rate[2] / mdps));
        }
        // The die temperature: 16 LSB/°C, 0 at 25 °C.
        latch(TEMPERATURE, s16((environment.value(Quantity.TEMPERATURE) - 25) * 16));
    }

    @Override
    List<Output> outputs() {
        return OUTPUTS;
    }

    @Override
    boolean blockDataUpdate() {
        return (get(CTRL_REG8) & 0x40) != 0;
    }

    @Override
    public String mode() {
        Duration period = period();
        if (period == null) {
            return "power-down";
        }
        return (gyroOdr() != 0 ? "accelerometer and gyroscope, " : "accelerometer only, ") + describe(period);
    }

    /** ODR_G, with the reserved 0b111 counted as power-down. */
    private int gyroOdr() {
        int odr = (get(CTRL_REG1_G) >> 5) & 0x07;
        return odr < GYRO_RATES.length ? odr : 0;
    }
}
