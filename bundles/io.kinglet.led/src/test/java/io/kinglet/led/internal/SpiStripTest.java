package io.kinglet.led.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinglet.hardware.api.SpiBus;
import io.kinglet.hardware.api.SpiDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

/** The bytes an SPI strip gets for known frames, worked by hand from the chips' datasheets. */
class SpiStripTest {

    private final List<String> opened = new ArrayList<>();
    private final List<byte[]> sent = new ArrayList<>();

    private final SpiBus spi = (bus, chipSelect, speedHz, mode) -> {
        opened.add("/dev/spidev" + bus + "." + chipSelect + " at " + speedHz + " Hz mode " + mode);
        return new SpiDevice() {
            @Override
            public int bus() {
                return bus;
            }

            @Override
            public int chipSelect() {
                return chipSelect;
            }

            @Override
            public int speedHz() {
                return speedHz;
            }

            @Override
            public void write(byte[] data, int offset, int length) {
                sent.add(Arrays.copyOfRange(data, offset, offset + length));
            }

            @Override
            public void close() {}
        };
    };

    private SpiStrip strip(Map<String, Object> config) {
        return new SpiStrip(
                () -> spi, Converters.standardConverter().convert(config).to(LedConfiguration.class));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void apa102SendsAStartFrameLedFramesInBgrAndAnEndFrame() throws Exception {
        SpiStrip strip = strip(Map.of("output", "apa102", "width", 2, "height", 1, "spiSpeedHz", 8_000_000));

        strip.write(new int[] {255, 128, 1, 0, 0, 0});

        assertEquals(List.of("/dev/spidev0.0 at 8000000 Hz mode 0"), opened);
        assertArrayEquals(bytes(0, 0, 0, 0, 0xFF, 1, 128, 255, 0xFF, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF), sent.get(0));
    }

    @Test
    void ws2812SendsThreeSpiBitsPerBitInGrbAndLatchesWithTheLineLow() throws Exception {
        SpiStrip strip = strip(Map.of("output", "ws2812", "width", 1, "height", 1));

        strip.write(new int[] {0x0F, 0xFF, 0x00}); // R 0F, G FF, B 00

        byte[] frame = sent.get(0);
        assertEquals(List.of("/dev/spidev0.0 at 2400000 Hz mode 0"), opened, "WS2812 timing needs 2.4 MHz");
        // G FF: eight times 110 = 110110110110110110110110 = DB 6D B6
        // R 0F: 100 100 100 100 110 110 110 110 = 92 4D B6
        // B 00: eight times 100 = 92 49 24
        assertArrayEquals(bytes(0xDB, 0x6D, 0xB6, 0x92, 0x4D, 0xB6, 0x92, 0x49, 0x24), Arrays.copyOf(frame, 9));
        // 60 µs low at 2.4 MHz: 144 bits, 18 bytes
        assertEquals(9 + 18, frame.length);
        assertArrayEquals(new byte[18], Arrays.copyOfRange(frame, 9, frame.length));
    }

    @Test
    void aSerpentineMatrixReversesEverySecondRowAndTheColourOrderIsConfigurable() throws Exception {
        SpiStrip strip =
                strip(Map.of("output", "apa102", "width", 3, "height", 2, "layout", "serpentine", "colorOrder", "rgb"));
        int[] frame = new int[3 * 6];
        for (int p = 0; p < 6; p++) {
            frame[3 * p] = p + 1; // red = pixel number + 1, row by row
        }

        strip.write(frame);

        byte[] sentFrame = sent.get(0);
        int[] redAlongTheStrip = new int[6];
        for (int led = 0; led < 6; led++) {
            redAlongTheStrip[led] = sentFrame[4 + 4 * led + 1];
        }
        assertArrayEquals(new int[] {1, 2, 3, 6, 5, 4}, redAlongTheStrip);
    }

    @Test
    void withoutTheBusTheStripWaitsAndANewBusServiceIsOpenedAnew() throws Exception {
        SpiBus[] current = {null};
        SpiStrip strip = new SpiStrip(
                () -> current[0],
                Converters.standardConverter()
                        .convert(Map.of("output", "apa102", "width", 1))
                        .to(LedConfiguration.class));

        OutputMissing missing = assertThrows(OutputMissing.class, () -> strip.write(new int[3]));
        assertEquals(
                "no SPI bus matches (kinglet.spi.provider=simulated) (io.kinglet.hardware.linuxfs on a device,"
                        + " io.kinglet.hardware.sim in the default profile)",
                missing.getMessage());

        Thread.sleep(Reopening.RETRY_SECONDS * 1000L + 100);
        current[0] = spi;
        strip.write(new int[3]);
        SpiBus restarted = (bus, cs, hz, mode) -> spi.open(bus, cs, hz, mode);
        current[0] = restarted;
        strip.write(new int[3]);
        assertEquals(2, opened.size(), "reopened on the new service: " + opened);
        assertEquals(2, sent.size());
    }

    @Test
    void badLayoutsAndColourOrdersAreRefusedNamingThem() {
        assertEquals(
                "colour order 'RGG' is not R, G and B in some order, e.g. GRB",
                assertThrows(IllegalArgumentException.class, () -> SpiStrip.order("RGG"))
                        .getMessage());
        assertEquals(
                "layout 'zigzag' is neither rows nor serpentine",
                assertThrows(IllegalArgumentException.class, () -> SpiStrip.layout(2, 2, "zigzag"))
                        .getMessage());
    }
}
