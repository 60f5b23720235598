package io.kinglet.sensehat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drivers' conversions, worked by hand from the datasheets' formulas. */
class DriverTest {

    /**
     * HTS221 (datasheet §8, TN1218): H0 20 %rH at -1000, H1 70 %rH at 9000; T0 10.5 °C (x8 = 84) at
     * 300, T1 35.25 °C (x8 = 282: low byte 0x1A, bit 8 in 0x35 bits 3:2) at 5300.
     */
    private static RegisterFile hts221(int humidityRaw, int temperatureRaw) {
        return new RegisterFile(Hts221.ADDRESS, true)
                .set(0x0F, 0xBC)
                .set(0x27, 0x03)
                .set(0x30, 40, 140, 84, 0x1A, 0, 0x04)
                .set(0x36, -1000 & 0xFF, (-1000 >> 8) & 0xFF)
                .set(0x3A, 9000 & 0xFF, 9000 >> 8)
                .set(0x3C, 300 & 0xFF, 300 >> 8, 5300 & 0xFF, 5300 >> 8)
                .set(
                        0x28,
                        humidityRaw & 0xFF,
                        (humidityRaw >> 8) & 0xFF,
                        temperatureRaw & 0xFF,
                        (temperatureRaw >> 8) & 0xFF);
    }

    @Test
    void hts221InterpolatesBetweenThePartsOwnCalibrationPoints() throws IOException {
        RegisterFile chip = hts221(4000, 2800);
        Hts221 driver = new Hts221();
        driver.start(chip);
        Map<Quantity, Double> values = driver.read(chip);
        assertEquals(45.0, values.get(Quantity.HUMIDITY), 1e-9); // 20 + 50 * 5000 / 10000
        assertEquals(22.875, values.get(Quantity.TEMPERATURE), 1e-9); // 10.5 + 24.75 * 2500 / 5000
        assertEquals((byte) 0x85, chip.registers[0x20], "powered up, BDU, 1 Hz");
    }

    @Test
    void withoutNewDataInTheStatusRegisterNothingIsReported() throws IOException {
        RegisterFile chip = hts221(4000, 2800).set(0x27, 0x01);
        Hts221 driver = new Hts221();
        driver.start(chip);
        assertEquals(Map.of(Quantity.TEMPERATURE, 22.875), driver.read(chip));
        chip.set(0x27, 0x00);
        assertEquals(Map.of(), driver.read(chip));
    }

    @Test
    void hts221HumidityIsKeptWithinZeroToAHundred() throws IOException {
        RegisterFile chip = hts221(20000, 300);
        Hts221 driver = new Hts221();
        driver.start(chip);
        assertEquals(100.0, driver.read(chip).get(Quantity.HUMIDITY));
        assertEquals(10.5, driver.read(chip).get(Quantity.TEMPERATURE), 1e-9);
    }

    @Test
    void aWrongIdentityIsRefusedNamingChipAndAddress() {
        RegisterFile chip = hts221(0, 0).set(0x0F, 0xBD);
        IOException e = assertThrows(IOException.class, () -> new Hts221().start(chip));
        assertEquals(
                "HTS221 at 0x5f answers WHO_AM_I 0xbd instead of 0xbc: another part, or the wrong address",
                e.getMessage());
    }

    @Test
    void lps25hPressureIsRawOver4096AndTemperature42Point5PlusRawOver480() throws IOException {
        // 1013.25 hPa = 4150272 = 0x3F5400; 25 °C = 42.5 + (-8400 / 480)
        RegisterFile chip = new RegisterFile(Lps25h.ADDRESS, true)
                .set(0x0F, 0xBD)
                .set(0x27, 0x03)
                .set(0x28, 0x00, 0x54, 0x3F, -8400 & 0xFF, (-8400 >> 8) & 0xFF);
        Lps25h driver = new Lps25h();
        driver.start(chip);
        Map<Quantity, Double> values = driver.read(chip);
        assertEquals(1013.25, values.get(Quantity.PRESSURE), 1e-9);
        assertEquals(25.0, values.get(Quantity.BAROMETER_TEMPERATURE), 1e-9);
        assertEquals((byte) 0x90, chip.registers[0x20]);
    }

    @Test
    void lsm9ds1ScalesByTheDefaultFullScales() throws IOException {
        // 1 g is 16393 LSB at 0.061 mg/LSB; 100 dps is 11429 LSB at 8.75 mdps/LSB; 0.5 gauss is 3571 LSB at 0.14
        // mgauss/LSB
        RegisterFile motion = new RegisterFile(Lsm9ds1.Motion.ADDRESS, false)
                .set(0x0F, 0x68)
                .set(0x17, 0x03)
                .set(0x18, 11429 & 0xFF, 11429 >> 8, 0, 0, 0, 0)
                .set(0x28, 0, 0, 0, 0, 16393 & 0xFF, 16393 >> 8);
        Lsm9ds1.Motion ag = new Lsm9ds1.Motion();
        ag.start(motion);
        Map<Quantity, Double> m = ag.read(motion);
        assertEquals(1.0, m.get(Quantity.ACCELERATION_Z), 1e-3);
        assertEquals(100.0, m.get(Quantity.ROTATION_X), 1e-2);

        RegisterFile magnet = new RegisterFile(Lsm9ds1.Magnetometer.ADDRESS, true)
                .set(0x0F, 0x3D)
                .set(0x22, 0x03)
                .set(0x27, 0x08)
                .set(0x28, 3571 & 0xFF, 3571 >> 8, 0, 0, 0, 0);
        Lsm9ds1.Magnetometer mag = new Lsm9ds1.Magnetometer();
        mag.start(magnet);
        assertEquals(0, magnet.registers[0x22], "continuous conversion");
        assertEquals(0.5, mag.read(magnet).get(Quantity.MAGNETIC_X), 1e-4);
    }

    @Test
    void aChipThatFailsIsRetriedWithADoublingBackOffWhileTheOthersGoOn() {
        java.time.Instant t0 = java.time.Instant.parse("2026-12-01T00:00:00Z");
        io.kinglet.hardware.api.I2cBus bus = (b, address) -> {
            throw new IOException("no acknowledge from 0x" + Integer.toHexString(address));
        };
        ChipReader reader = new ChipReader(
                new Hts221(), bus, 1, java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30));
        assertTrue(reader.sample(t0).isEmpty());
        assertEquals("no acknowledge from 0x5f", reader.state().failure());
        assertEquals(t0.plusSeconds(10), reader.state().nextAttempt());
        reader.sample(t0.plusSeconds(5));
        assertEquals(1, reader.state().failures(), "not due yet: no attempt");
        reader.sample(t0.plusSeconds(10));
        assertEquals(t0.plusSeconds(30), reader.state().nextAttempt(), "then 20 s");
        reader.sample(t0.plusSeconds(30));
        assertEquals(t0.plusSeconds(60), reader.state().nextAttempt(), "capped at 30 s");
        assertEquals("HTS221 at 0x5f on I2C bus 1", reader.state().where());
    }
}
