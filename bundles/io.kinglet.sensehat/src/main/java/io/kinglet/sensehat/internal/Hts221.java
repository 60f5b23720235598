package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * HTS221 humidity and temperature sensor (0x5F). Each part carries its own factory calibration: two
 * points per quantity, between which the raw output is interpolated linearly (datasheet §8 and
 * ST's TN1218). The driver reads the block from the chip, never assumes it.
 */
final class Hts221 extends Chip {

    static final int ADDRESS = 0x5F;
    private static final int CTRL_REG1 = 0x20;
    private static final int STATUS_REG = 0x27;
    private static final int TEMPERATURE_READY = 0x01;
    private static final int HUMIDITY_READY = 0x02;
    private static final int HUMIDITY_OUT_L = 0x28;
    private static final int CALIBRATION = 0x30;
    /** Active (PD), outputs not updated between the two bytes of a read (BDU), 1 Hz. */
    private static final int POWER_ON_BDU_1HZ = 0x85;

    /** The part's two calibration points. */
    record Calibration(double h0, double h1, int h0Out, int h1Out, double t0, double t1, int t0Out, int t1Out) {

        /** The 16 bytes from 0x30: H0_rH_x2, H1_rH_x2, T0_degC_x8, T1_degC_x8, -, T1/T0 msb, H0_T0_OUT, ... */
        static Calibration parse(byte[] b) {
            int msb = b[5] & 0xFF;
            return new Calibration(
                    (b[0] & 0xFF) / 2.0,
                    (b[1] & 0xFF) / 2.0,
                    Chip.s16(b, 6),
                    Chip.s16(b, 10),
                    (((msb & 0x03) << 8) | (b[2] & 0xFF)) / 8.0,
                    (((msb & 0x0C) << 6) | (b[3] & 0xFF)) / 8.0,
                    Chip.s16(b, 12),
                    Chip.s16(b, 14));
        }

        /** %rH, kept within 0..100 as the datasheet says the interpolation must be. */
        double humidity(int raw) {
            double value = h0 + (h1 - h0) * (raw - h0Out) / (h1Out - h0Out);
            return Math.max(0, Math.min(100, value));
        }

        double temperature(int raw) {
            return t0 + (t1 - t0) * (raw - t0Out) / (t1Out - t0Out);
        }
    }

    private Calibration calibration;

    Hts221() {
        super("HTS221", ADDRESS, 0xBC);
    }

    @Override
    void powerUp(I2cDevice device) throws IOException {
        Calibration read = Calibration.parse(device.read(CALIBRATION | AUTO_INCREMENT, 16));
        if (read.h1Out() == read.h0Out() || read.t1Out() == read.t0Out()) {
            throw new IOException("HTS221 calibration block is unusable (both points equal): " + read);
        }
        calibration = read;
        device.write(CTRL_REG1, (byte) POWER_ON_BDU_1HZ);
    }

    @Override
    Map<Quantity, Double> read(I2cDevice device) throws IOException {
        // only what the chip has measured since the last read (right after power-up: nothing yet)
        int status = device.read(STATUS_REG, 1)[0];
        if ((status & (TEMPERATURE_READY | HUMIDITY_READY)) == 0) {
            return Map.of();
        }
        byte[] out = device.read(HUMIDITY_OUT_L | AUTO_INCREMENT, 4);
        Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
        if ((status & HUMIDITY_READY) != 0) {
            values.put(Quantity.HUMIDITY, calibration.humidity(Chip.s16(out, 0)));
        }
        if ((status & TEMPERATURE_READY) != 0) {
            values.put(Quantity.TEMPERATURE, calibration.temperature(Chip.s16(out, 2)));
        }
        return values;
    }
}
