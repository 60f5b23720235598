package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/** LPS25H barometer (0x5C): pressure hPa = raw / 4096 (24 bits), its own temperature 42.5 + raw / 480 °C. */
final class Lps25h extends Chip {

    static final int ADDRESS = 0x5C;
    private static final int CTRL_REG1 = 0x20;
    private static final int STATUS_REG = 0x27;
    private static final int TEMPERATURE_READY = 0x01;
    private static final int PRESSURE_READY = 0x02;
    private static final int PRESS_OUT_XL = 0x28;
    /** Active (PD), 1 Hz. */
    private static final int POWER_ON_1HZ = 0x90;

    Lps25h() {
        super("LPS25H", ADDRESS, 0xBD);
    }

    @Override
    void powerUp(I2cDevice device) throws IOException {
        device.write(CTRL_REG1, (byte) POWER_ON_1HZ);
    }

    @Override
    Map<Quantity, Double> read(I2cDevice device) throws IOException {
        int status = device.read(STATUS_REG, 1)[0];
        if ((status & (TEMPERATURE_READY | PRESSURE_READY)) == 0) {
            return Map.of();
        }
        // pressure (3 bytes) and temperature (2) lie next to each other: one transfer
        byte[] out = device.read(PRESS_OUT_XL | AUTO_INCREMENT, 5);
        Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
        if ((status & PRESSURE_READY) != 0) {
            values.put(Quantity.PRESSURE, pressure(out));
        }
        if ((status & TEMPERATURE_READY) != 0) {
            values.put(Quantity.BAROMETER_TEMPERATURE, temperature(Chip.s16(out, 3)));
        }
        return values;
    }

    /** The 24-bit two's complement output, XL first. */
    static double pressure(byte[] out) {
        int raw = (out[0] & 0xFF) | ((out[1] & 0xFF) << 8) | (out[2] << 16);
        return raw / 4096.0;
    }

    static double temperature(int raw) {
        return 42.5 + raw / 480.0;
    }
}
