package io.kinglet.hardware.sim.internal;

import static io.kinglet.hardware.sim.internal.Bytes.s16;
import static io.kinglet.hardware.sim.internal.Bytes.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinglet.hardware.sim.internal.Environment.Quantity;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Hts221Test {

    /** Not the default, and both T0 and T1 above 255 so their bits 9:8 in 0x35 matter. */
    private static final Hts221Calibration OTHER = new Hts221Calibration(47, 151, 265, 522, -7201, 4107, -541, 795);

    private final TestClock clock = new TestClock();
    private final Environment environment = new Environment(clock, false, 24.3, 57.2, 1001.7, new SplittableRandom(1));
    private final Hts221 chip = new Hts221(environment, OTHER);

    @Test
    void identifiesItself() {
        assertEquals(0xBC, u8(chip.read(0x0F, 1)[0]));
        assertEquals(0x5F, chip.address());
    }

    @Test
    void readsConsecutiveRegistersOnlyWithBit7() {
        byte[] block = chip.read(0x80 | 0x30, 16);
        assertEquals(47, u8(block[0]));
        assertEquals(151, u8(block[1]));
        assertEquals(0x09, u8(block[5]) & 0x0F); // T0 msb 1, T1 msb 2
        assertEquals(4107, s16(block, 0x0A));
        byte[] repeated = chip.read(0x30, 4);
        assertArrayEquals(new byte[] {47, 47, 47, 47}, repeated);
    }

    @Test
    void writesToReadOnlyRegistersAreIgnoredAndUnknownOnesReadZero() {
        chip.write(0x0F, (byte) 0x12);
        chip.write(0x30, (byte) 0x12);
        assertEquals(0xBC, u8(chip.read(0x0F, 1)[0]));
        assertEquals(47, u8(chip.read(0x30, 1)[0]));
        assertEquals(0, chip.read(0x50, 1)[0]);
    }

    @Test
    void powerDownTakesNoNewData() {
        chip.write(0x20, (byte) 0x81); // PD, 1 Hz
        clock.advance(Duration.ofSeconds(1));
        byte[] first = chip.read(0x80 | 0x28, 4);
        assertEquals(0, chip.read(0x27, 1)[0], "reading the outputs clears H_DA and T_DA");

        chip.write(0x20, (byte) 0x01); // power-down, ODR left at 1 Hz
        environment.set(Quantity.TEMPERATURE, 35);
        clock.advance(Duration.ofSeconds(10));
        chip.write(0x21, (byte) 0x01); // a one-shot in power-down does nothing
        assertEquals(0, chip.read(0x27, 1)[0]);
        assertArrayEquals(first, chip.read(0x80 | 0x28, 4));
    }

    @Test
    void decodedOutputsGiveBackTheEnvironmentWithThisChipsCalibration() {
        chip.write(0x20, (byte) 0x81);
        assertEquals(0, chip.read(0x27, 1)[0], "no sample before the first period");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0x03, chip.read(0x27, 1)[0]);

        double[] decoded = decode(chip.read(0x80 | 0x30, 16), chip.read(0x80 | 0x28, 4));
        assertEquals(24.3, decoded[0], 0.5 * (522 - 265) / 8.0 / (795 + 541) + 1e-9);
        assertEquals(57.2, decoded[1], 0.5 * (151 - 47) / 2.0 / (4107 + 7201) + 1e-9);
        assertEquals(0, chip.read(0x27, 1)[0]);
    }

    @Test
    void oneShotTakesOneSampleAndClearsItself() {
        chip.write(0x20, (byte) 0x80); // PD, one-shot mode
        chip.write(0x21, (byte) 0x01);
        assertEquals(0, chip.read(0x21, 1)[0]);
        assertEquals(0x03, chip.read(0x27, 1)[0]);
        double[] decoded = decode(chip.read(0x80 | 0x30, 16), chip.read(0x80 | 0x28, 4));
        assertEquals(24.3, decoded[0], 0.01);
    }

    @Test
    void blockDataUpdateHoldsASampleUntilItsHighByteIsRead() {
        chip.write(0x20, (byte) 0x85); // PD, BDU, 1 Hz
        clock.advance(Duration.ofSeconds(1));
        byte low = chip.read(0x2A, 1)[0];
        environment.set(Quantity.TEMPERATURE, 60);
        clock.advance(Duration.ofSeconds(1));
        byte[] both = chip.read(0x80 | 0x2A, 2);
        assertEquals(low, both[0], "the low byte read under BDU keeps its sample");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(60, decode(chip.read(0x80 | 0x30, 16), chip.read(0x80 | 0x28, 4))[0], 0.01);
    }

    /** The datasheet's (and the kernel driver's) linear interpolation: {temperature °C, humidity %rH}. */
    static double[] decode(byte[] cal, byte[] out) {
        double h0 = u8(cal[0]) / 2.0;
        double h1 = u8(cal[1]) / 2.0;
        double t0 = (u8(cal[2]) | (u8(cal[5]) & 0x03) << 8) / 8.0;
        double t1 = (u8(cal[3]) | (u8(cal[5]) & 0x0C) << 6) / 8.0;
        int h0Out = s16(cal, 6);
        int h1Out = s16(cal, 10);
        int t0Out = s16(cal, 12);
        int t1Out = s16(cal, 14);
        double h = h0 + (h1 - h0) * (s16(out, 0) - h0Out) / (h1Out - h0Out);
        double t = t0 + (t1 - t0) * (s16(out, 2) - t0Out) / (t1Out - t0Out);
        return new double[] {t, h};
    }
}
