package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * LSM9DS1 inertial module: two I2C devices. The accelerometer/gyroscope (0x6A) moves to the next
 * register by itself (CTRL_REG8 IF_ADD_INC, on at reset), so its sub-address has no 0x80; the
 * magnetometer (0x1C) increments only with bit 7 set, like ST's other parts.
 */
final class Lsm9ds1 {

    private Lsm9ds1() {}

    /** The accelerometer (±2 g, 0.061 mg/LSB) and gyroscope (245 dps, 8.75 mdps/LSB), both at 119 Hz. */
    static final class Motion extends Chip {

        static final int ADDRESS = 0x6A;
        private static final int CTRL_REG1_G = 0x10;
        private static final int CTRL_REG6_XL = 0x20;
        private static final int STATUS_REG = 0x17;
        private static final int ACCELERATION_READY = 0x01;
        private static final int ROTATION_READY = 0x02;
        private static final int OUT_X_G = 0x18;
        private static final int OUT_X_XL = 0x28;
        private static final int ODR_119HZ = 0x60;

        Motion() {
            super("LSM9DS1 accelerometer/gyroscope", ADDRESS, 0x68);
        }

        @Override
        void powerUp(I2cDevice device) throws IOException {
            device.write(CTRL_REG1_G, (byte) ODR_119HZ);
            device.write(CTRL_REG6_XL, (byte) ODR_119HZ);
        }

        @Override
        Map<Quantity, Double> read(I2cDevice device) throws IOException {
            int status = device.read(STATUS_REG, 1)[0];
            Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
            if ((status & ROTATION_READY) != 0) {
                byte[] g = device.read(OUT_X_G, 6);
                values.put(Quantity.ROTATION_X, Chip.s16(g, 0) * 0.00875);
                values.put(Quantity.ROTATION_Y, Chip.s16(g, 2) * 0.00875);
                values.put(Quantity.ROTATION_Z, Chip.s16(g, 4) * 0.00875);
            }
            if ((status & ACCELERATION_READY) != 0) {
                byte[] xl = device.read(OUT_X_XL, 6);
                values.put(Quantity.ACCELERATION_X, Chip.s16(xl, 0) * 0.000061);
                values.put(Quantity.ACCELERATION_Y, Chip.s16(xl, 2) * 0.000061);
                values.put(Quantity.ACCELERATION_Z, Chip.s16(xl, 4) * 0.000061);
            }
            return values;
        }
    }

    /** The magnetometer (±4 gauss, 0.14 mgauss/LSB), continuous conversion. */
    static final class Magnetometer extends Chip {

        static final int ADDRESS = 0x1C;
        private static final int CTRL_REG3_M = 0x22;
        private static final int STATUS_REG_M = 0x27;
        private static final int XYZ_READY = 0x08;
        private static final int OUT_X_L_M = 0x28;
        private static final int CONTINUOUS = 0x00;

        Magnetometer() {
            super("LSM9DS1 magnetometer", ADDRESS, 0x3D);
        }

        @Override
        void powerUp(I2cDevice device) throws IOException {
            device.write(CTRL_REG3_M, (byte) CONTINUOUS);
        }

        @Override
        Map<Quantity, Double> read(I2cDevice device) throws IOException {
            if ((device.read(STATUS_REG_M, 1)[0] & XYZ_READY) == 0) {
                return Map.of();
            }
            byte[] m = device.read(OUT_X_L_M | AUTO_INCREMENT, 6);
            return Map.of(
                    Quantity.MAGNETIC_X, Chip.s16(m, 0) * 0.00014,
                    Quantity.MAGNETIC_Y, Chip.s16(m, 2) * 0.00014,
                    Quantity.MAGNETIC_Z, Chip.s16(m, 4) * 0.00014);
        }
    }
}
