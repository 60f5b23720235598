package io.kinglet.hardware.sim.internal;

import static io.kinglet.hardware.sim.internal.Bytes.s16;
import static io.kinglet.hardware.sim.internal.Bytes.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Lsm9ds1Test {

    private final TestClock clock = new TestClock();
    private final Environment environment = new Environment(clock, false, 21, 40, 1013, new SplittableRandom(1));
    private final Lsm9ds1AccelGyro accelGyro = new Lsm9ds1AccelGyro(environment);
    private final Lsm9ds1Magnetometer magnetometer = new Lsm9ds1Magnetometer(environment);

    @Test
    void identifyThemselves() {
        assertEquals(0x68, u8(accelGyro.read(0x0F, 1)[0]));
        assertEquals(0x6A, accelGyro.address());
        assertEquals(0x3D, u8(magnetometer.read(0x0F, 1)[0]));
        assertEquals(0x1C, magnetometer.address());
    }

    @Test
    void accelGyroIncrementsByIfAddIncNotByBit7() {
        byte[] block = accelGyro.read(0x1E, 5); // CTRL_REG4, CTRL_REG5_XL, CTRL_REG6_XL, CTRL_REG7_XL, CTRL_REG8
        assertArrayEquals(new byte[] {0x38, 0x38, 0, 0, 0x04}, block);
        accelGyro.write(0x22, (byte) 0x00); // IF_ADD_INC off
        assertArrayEquals(new byte[] {0x38, 0x38, 0x38}, accelGyro.read(0x80 | 0x1E, 3));
    }

    @Test
    void magnetometerIncrementsOnlyWithBit7() {
        assertArrayEquals(new byte[] {0x10, 0, 0x03}, magnetometer.read(0x80 | 0x20, 3));
        assertArrayEquals(new byte[] {0x10, 0x10, 0x10}, magnetometer.read(0x20, 3));
    }

    @Test
    void powerDownTakesNoNewData() {
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, accelGyro.read(0x17, 1)[0], "ODR_G and ODR_XL are 0 at reset");
        assertEquals(0, magnetometer.read(0x27, 1)[0], "MD is 0b11 at reset");
        assertArrayEquals(new byte[6], accelGyro.read(0x28, 6));

        accelGyro.write(0x20, (byte) 0x20); // accelerometer only, 10 Hz
        clock.advance(Duration.ofMillis(100));
        byte[] first = accelGyro.read(0x28, 6);
        assertEquals(0x04, accelGyro.read(0x17, 1)[0], "reading OUT_Z_H_XL clears XLDA, not TDA");
        accelGyro.read(0x15, 2);
        accelGyro.write(0x20, (byte) 0x00);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, accelGyro.read(0x17, 1)[0]);
        assertArrayEquals(first, accelGyro.read(0x28, 6));
    }

    @Test
    void decodedAccelerationAndRateGiveBackTheEnvironment() {
        accelGyro.write(0x10, (byte) 0x20); // gyroscope 14.9 Hz, 245 dps: both sensors run
        clock.advance(Duration.ofMillis(70));
        assertEquals(0x07, accelGyro.read(0x27, 1)[0], "STATUS_REG mirrored at 0x27: XLDA, GDA, TDA");
        byte[] xl = accelGyro.read(0x28, 6);
        byte[] g = accelGyro.read(0x18, 6);
        double[] expected = environment.acceleration();
        for (int axis = 0; axis < 3; axis++) {
            assertEquals(expected[axis], s16(xl, 2 * axis) * 0.061 / 1000, 0.061e-3);
            assertEquals(0, s16(g, 2 * axis) * 8.75 / 1000, 8.75e-3);
        }
        assertEquals(0, accelGyro.read(0x17, 1)[0] & 0x03);
    }

    @Test
    void decodedFieldGivesBackTheEnvironment() {
        magnetometer.write(0x22, (byte) 0x00); // continuous, 10 Hz
        clock.advance(Duration.ofMillis(100));
        assertEquals(0x0F, magnetometer.read(0x27, 1)[0]);
        byte[] out = magnetometer.read(0x80 | 0x28, 6);
        double[] expected = environment.magneticField();
        for (int axis = 0; axis < 3; axis++) {
            assertEquals(expected[axis], s16(out, 2 * axis) * 0.14 / 1000, 0.14e-3);
        }
        assertEquals(0, magnetometer.read(0x27, 1)[0]);
    }

    @Test
    void singleConversionPowersTheMagnetometerDownAgain() {
        magnetometer.write(0x22, (byte) 0x01);
        assertEquals(0x03, magnetometer.read(0x22, 1)[0] & 0x03);
        assertNotEquals(0, magnetometer.read(0x27, 1)[0]);
    }
}
