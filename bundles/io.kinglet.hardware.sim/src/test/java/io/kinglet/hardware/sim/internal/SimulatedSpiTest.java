package io.kinglet.hardware.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.hardware.api.SpiDevice;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated SPI bus: its one device reaches the configured strip, and sim:strip shows what it lit. */
class SimulatedSpiTest {

    private final SimulatedSpi spi = new SimulatedSpi(config(Map.of()));

    @Test
    void theDefaultIsA300LedApa102StripOnSpidev0Point0() throws IOException {
        byte[] frame = new byte[4 + 4 * 300 + 19];
        for (int i = 0; i < 300; i++) {
            frame[4 + 4 * i] = (byte) 0xFF;
        }
        frame[4 + 4 * 2 + 3] = (byte) 0xAB; // LED 2's red

        try (SpiDevice device = spi.open(0, 0, 8_000_000, 0)) {
            device.write(frame, 0, frame.length);
            assertEquals(8_000_000, device.speedHz());
        }

        assertEquals("apa102", spi.strip().chip());
        assertEquals(300, spi.strip().leds());
        assertEquals(0xAB, spi.strip().pixels()[3 * 2]);
        assertEquals(1, spi.strip().frames());
    }

    @Test
    void aWriteSendsOnlyTheBytesInItsRange() throws IOException {
        SimulatedSpi ws2812 = new SimulatedSpi(config(Map.of("chip", "ws2812", "leds", 1)));
        byte[] buffer = new byte[2 + 9 + 15 + 2];
        // one LED, green 0x80 then zeros: 110 then 100s, after two stray bytes the write leaves out
        buffer[0] = buffer[1] = buffer[buffer.length - 1] = (byte) 0xFF;
        byte[] led = {(byte) 0xD2, 0x49, 0x24, (byte) 0x92, 0x49, 0x24, (byte) 0x92, 0x49, 0x24};
        System.arraycopy(led, 0, buffer, 2, led.length);

        try (SpiDevice device = ws2812.open(0, 0, 2_400_000, 0)) {
            device.write(buffer, 2, 9 + 15);
        }

        assertEquals("", ws2812.strip().lastError());
        assertArrayEquals(new int[] {0, 0x80, 0}, ws2812.strip().pixels());
    }

    @Test
    void anotherBusOrChipSelectHasNoDevice() {
        IOException e = assertThrows(IOException.class, () -> spi.open(1, 0, 1_000_000, 0));
        assertEquals(
                "no SPI device /dev/spidev1.0 in the simulation: its LED strip is on /dev/spidev0.0"
                        + " (configuration io.kinglet.hardware.sim.spi)",
                e.getMessage());
        assertTrue(assertThrows(IOException.class, () -> spi.open(0, 1, 1_000_000, 0))
                .getMessage()
                .startsWith("no SPI device /dev/spidev0.1 "));
    }

    @Test
    void badArgumentsAreRefusedNamingThem() throws IOException {
        assertEquals("SPI bus -1 is negative", refused(() -> spi.open(-1, 0, 1_000_000, 0)));
        assertEquals("SPI chip select -2 is negative", refused(() -> spi.open(0, -2, 1_000_000, 0)));
        assertEquals("SPI speed 0 Hz is not positive", refused(() -> spi.open(0, 0, 0, 0)));
        assertEquals("SPI mode 4 is not 0..3", refused(() -> spi.open(0, 0, 1_000_000, 4)));
        SpiDevice device = spi.open(0, 0, 1_000_000, 3);
        assertEquals("offset 2 and length 3 do not lie within 4 bytes", refused(() -> device.write(new byte[4], 2, 3)));
        assertEquals(0, spi.strip().frames() + spi.strip().badFrames());
    }

    @Test
    void aClosedDeviceRefusesToWrite() throws IOException {
        SpiDevice device = spi.open(0, 0, 1_000_000, 0);
        device.close();

        IOException e = assertThrows(IOException.class, () -> device.write(new byte[8], 0, 8));
        assertEquals("SPI device /dev/spidev0.0 is closed", e.getMessage());
    }

    @Test
    void aBadConfigurationIsRefusedNamingTheProperty() {
        assertEquals(
                "chip 'sk9822' is neither apa102 nor ws2812 (configuration io.kinglet.hardware.sim.spi, property chip)",
                refused(() -> new SimulatedSpi(config(Map.of("chip", "sk9822")))));
        assertEquals(
                "leds 2001 is outside 1..2000 (configuration io.kinglet.hardware.sim.spi, property leds)",
                refused(() -> new SimulatedSpi(config(Map.of("leds", 2001)))));
    }

    @Test
    void simStripShowsCountsTheLastErrorAndTheFirst16Leds() throws IOException {
        byte[] frame = new byte[4 + 4 * 300 + 19];
        for (int i = 0; i < 300; i++) {
            frame[4 + 4 * i] = (byte) 0xE1;
        }
        frame[4 + 1] = 0x03; // LED 0: blue
        frame[4 + 4 * 15 + 3] = (byte) 0xFF; // LED 15: red
        SpiDevice device = spi.open(0, 0, 1_000_000, 0);
        device.write(frame, 0, frame.length);
        device.write(new byte[] {1, 2}, 0, 2);

        assertEquals(
                "Simulated LED strip on /dev/spidev0.0: apa102, 300 LEDs\n"
                        + "Frames 1, bad frames 1, last error: APA102 start frame missing: a frame must begin with 32"
                        + " zero bits, got 0x0102\n"
                        + "LEDs 0..15: 000003" + " 000000".repeat(14) + " ff0000",
                new StripCommand(spi).strip());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String refused(Action action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    /** The configuration with its metatype defaults, some overridden, as Configuration Admin would give it. */
    static SimulatedSpi.Config config(Map<String, Object> overrides) {
        return (SimulatedSpi.Config) Proxy.newProxyInstance(
                SimulatedSpi.Config.class.getClassLoader(),
                new Class<?>[] {SimulatedSpi.Config.class},
                (proxy, method, args) -> overrides.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
