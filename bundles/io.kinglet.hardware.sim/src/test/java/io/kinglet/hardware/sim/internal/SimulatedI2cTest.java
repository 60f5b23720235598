package io.kinglet.hardware.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedI2cTest {

    private final TestClock clock = new TestClock();
    private final SimulatedI2c bus = new SimulatedI2c(config(Map.of("drift", false)), clock, new SplittableRandom(7));
    private final SimulationCommands sim = new SimulationCommands(bus);

    @Test
    void devicesReachTheirChips() throws IOException {
        try (I2cDevice hts221 = bus.open(1, 0x5F);
                I2cDevice lps25h = bus.open(1, 0x5C)) {
            assertEquals(0xBC, hts221.read(0x0F, 1)[0] & 0xFF);
            assertEquals(0xBD, lps25h.read(0x0F, 1)[0] & 0xFF);
        }
    }

    @Test
    void aFailedChipStopsAcknowledgingUntilHealed() throws IOException {
        I2cDevice hts221 = bus.open(1, 0x5F);
        assertEquals("Simulation: hts221 (0x5f) stops acknowledging", sim.fail("hts221"));
        IOException e = assertThrows(IOException.class, () -> hts221.read(0x0F, 1));
        assertEquals("no acknowledge from 0x5f on simulated I2C bus 1 (hts221 failed by sim:fail)", e.getMessage());
        assertThrows(IOException.class, () -> hts221.write(0x20, (byte) 0x80));

        assertEquals("Simulation: lsm9ds1 (0x1c, 0x6a) stops acknowledging", sim.fail("LSM9DS1"));
        assertThrows(IOException.class, () -> bus.open(1, 0x1C).read(0x0F, 1));
        assertThrows(IOException.class, () -> bus.open(1, 0x6A).read(0x0F, 1));

        assertEquals("Simulation: hts221 (0x5f) acknowledges again", sim.heal("hts221"));
        assertEquals(0xBC, hts221.read(0x0F, 1)[0] & 0xFF);
    }

    @Test
    void anAddressWithoutAChipDoesNotAcknowledge() throws IOException {
        I2cDevice nobody = bus.open(1, 0x33);
        IOException e = assertThrows(IOException.class, () -> nobody.read(0x0F, 1));
        assertEquals(
                "no acknowledge from 0x33 on simulated I2C bus 1 (no chip at this address:"
                        + " the simulated Sense HAT has 0x1c, 0x5c, 0x5f, 0x6a)",
                e.getMessage());
        IOException other = assertThrows(IOException.class, () -> bus.open(2, 0x5F));
        assertEquals(
                "no simulated I2C bus 2: the simulation is bus 1 (configuration io.kinglet.hardware.sim, property bus)",
                other.getMessage());
    }

    @Test
    void setMovesWhatTheChipsMeasure() throws IOException {
        assertEquals("Simulation: temperature set point 21.5 -> 30.25 °C", sim.set("temperature", "30.25"));
        I2cDevice lps25h = bus.open(1, 0x5C);
        lps25h.write(0x20, (byte) 0x90);
        clock.advance(Duration.ofSeconds(1));
        byte[] t = lps25h.read(0x80 | 0x2B, 2);
        assertEquals(30.25, 42.5 + Bytes.s16(t, 0) / 480.0, 0.002);
    }

    @Test
    void badInputIsRefusedNamingWhatIsAllowed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sim.set("wind", "3"));
        assertEquals(
                "unknown quantity 'wind': temperature -40..85 °C, humidity 0..100 %rH, pressure 260..1260 hPa,"
                        + " cpu -40..125 °C",
                unknown.getMessage());
        assertEquals(
                "'warm' is not a number: temperature -40..85 °C",
                assertThrows(IllegalArgumentException.class, () -> sim.set("temperature", "warm"))
                        .getMessage());
        assertEquals(
                "humidity 120.0 %rH is out of range: humidity 0..100 %rH",
                assertThrows(IllegalArgumentException.class, () -> sim.set("humidity", "120"))
                        .getMessage());
        assertEquals(
                "unknown chip 'bme280': the simulated Sense HAT has hts221, lps25h, lsm9ds1",
                assertThrows(IllegalArgumentException.class, () -> sim.fail("bme280"))
                        .getMessage());
    }

    @Test
    void statusShowsSetPointsValuesAndChips() throws IOException {
        sim.fail("lps25h");
        bus.open(1, 0x5F).write(0x20, (byte) 0x81);
        String status = sim.status();
        assertTrue(status.contains("temperature    21.50 °C       21.50 °C"), status);
        assertTrue(status.contains("lps25h   0x5c  FAILED (sim:heal lps25h)"), status);
        assertTrue(status.contains("hts221   0x5f  ok"), status);
        assertTrue(status.contains("active, 1.0 Hz"), status);
    }

    @Test
    void aBadCalibrationIsRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new SimulatedI2c(config(Map.of("hts221T1Out", 287)), clock, new SplittableRandom()));
        assertEquals(
                "hts221T0Out and hts221T1Out are both 287: the two calibration points must differ", e.getMessage());
    }

    /** The configuration with its metatype defaults, some overridden, as Configuration Admin would give it. */
    static SimulationConfiguration config(Map<String, Object> overrides) {
        return (SimulationConfiguration) Proxy.newProxyInstance(
                SimulationConfiguration.class.getClassLoader(),
                new Class<?>[] {SimulationConfiguration.class},
                (proxy, method, args) -> overrides.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
