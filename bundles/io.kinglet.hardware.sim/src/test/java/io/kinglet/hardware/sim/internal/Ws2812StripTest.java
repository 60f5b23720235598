package io.kinglet.hardware.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The WS2812 model decodes what a strip would latch, from SPI bytes encoded here by the usual rule:
 * each WS2812 bit three SPI bits at 2.4 MHz, GRB, MSB first, then at least 50 us low.
 */
class Ws2812StripTest {

    private static final int SPEED_HZ = 2_400_000;
    private static final int IDLE_BYTES = 3;
    private static final int RESET_BYTES = 15;

    @Test
    void coloursAreDecodedFromGrbBitsAfterIdleBytes() {
        Ws2812Strip strip = new Ws2812Strip(3);
        byte[] data = encode(RESET_BYTES, 255, 0, 0, 0x12, 0x34, 0x56, 0, 0, 1);

        strip.receive(data, SPEED_HZ);

        assertEquals(IDLE_BYTES + 3 * 9 + RESET_BYTES, data.length);
        assertArrayEquals(new int[] {255, 0, 0, 0x12, 0x34, 0x56, 0, 0, 1}, strip.pixels());
        assertEquals(1, strip.frames());
        assertEquals("", strip.lastError());
    }

    @Test
    void oneLedIsNineSpiBytes() {
        byte[] data = encode(RESET_BYTES, 0, 0, 0);

        assertEquals(IDLE_BYTES + 9 + RESET_BYTES, data.length);
        // green 0 first: 100 100 100 100 100 100 100 100 = 0x92 0x49 0x24
        assertArrayEquals(new byte[] {(byte) 0x92, 0x49, 0x24}, Arrays.copyOfRange(data, IDLE_BYTES, IDLE_BYTES + 3));
    }

    @Test
    void aClockWithinTenPercentOf2point4MHzIsAccepted() {
        Ws2812Strip strip = new Ws2812Strip(1);

        strip.receive(encode(resetBytes(2_200_000), 7, 8, 9), 2_200_000);
        // a faster clock needs more zero bytes for the same 50 us: 17, not 15
        strip.receive(encode(resetBytes(2_640_000), 7, 8, 9), 2_640_000);

        assertEquals(2, strip.frames());
        assertArrayEquals(new int[] {7, 8, 9}, strip.pixels());
    }

    @Test
    void anotherClockIsRefusedSinceThePulsesWouldHaveTheWrongLength() {
        Ws2812Strip strip = new Ws2812Strip(1);
        strip.receive(encode(RESET_BYTES, 1, 2, 3), SPEED_HZ);

        strip.receive(encode(RESET_BYTES, 4, 5, 6), 1_000_000);
        assertEquals("WS2812 on SPI needs 2.4 MHz (3 SPI bits per WS2812 bit), not 1 MHz", strip.lastError());
        strip.receive(encode(RESET_BYTES, 4, 5, 6), 3_200_000);
        assertEquals("WS2812 on SPI needs 2.4 MHz (3 SPI bits per WS2812 bit), not 3.2 MHz", strip.lastError());

        assertEquals(2, strip.badFrames());
        assertArrayEquals(new int[] {1, 2, 3}, strip.pixels());
    }

    @Test
    void aGroupThatIsNeither100Nor110IsBadNamingLedAndBit() {
        Ws2812Strip strip = new Ws2812Strip(2);
        byte[] data = encode(RESET_BYTES, 0, 0, 0, 0, 0, 0);
        // LED 1, bit 5: SPI bits 3 * (24 + 5) = 87..89 after the idle bytes; 100 becomes 111
        int at = 8 * IDLE_BYTES + 3 * (24 + 5);
        setBit(data, at + 1);
        setBit(data, at + 2);

        strip.receive(data, SPEED_HZ);

        assertEquals(
                "WS2812 LED 1, bit 5 of 24 (GRB, MSB first): SPI bits 111 are neither 100 (0) nor 110 (1)",
                strip.lastError());
        assertEquals(0, strip.frames());
    }

    @Test
    void theLedsLatchOnlyAfter50usLow() {
        Ws2812Strip strip = new Ws2812Strip(1);

        strip.receive(encode(10, 0, 0, 1), SPEED_HZ);

        // the last bit is a 1 (110): one low bit of its own, then 80
        assertEquals(
                "WS2812 reset too short: the line must stay low for at least 50 us after the last bit,"
                        + " got 33.8 us (81 zero bits at 2.4 MHz)",
                strip.lastError());
        assertArrayEquals(new int[] {0, 0, 0}, strip.pixels());
    }

    @Test
    void dataEndingWithinAnLedIsBad() {
        Ws2812Strip strip = new Ws2812Strip(2);
        byte[] data = encode(RESET_BYTES, 255, 255, 255, 255, 255, 255);
        // cut LED 1 after 12 of its bits: clear every SPI bit from there to the reset
        for (int bit = 8 * IDLE_BYTES + 3 * (24 + 12); bit < 8 * (IDLE_BYTES + 18); bit++) {
            data[bit >> 3] &= (byte) ~(0x80 >> (bit & 7));
        }

        strip.receive(data, SPEED_HZ);

        assertEquals("WS2812 LED 1: the data ends after 12 of its 24 bits", strip.lastError());
    }

    @Test
    void fewerLedsUpdateOnlyThoseAndMoreArePassedOn() {
        Ws2812Strip strip = new Ws2812Strip(2);
        strip.receive(encode(RESET_BYTES, 9, 9, 9, 9, 9, 9), SPEED_HZ);

        strip.receive(encode(RESET_BYTES, 1, 2, 3), SPEED_HZ);
        assertArrayEquals(new int[] {1, 2, 3, 9, 9, 9}, strip.pixels());
        strip.receive(encode(RESET_BYTES, 4, 5, 6, 7, 8, 9, 10, 11, 12), SPEED_HZ);
        assertArrayEquals(new int[] {4, 5, 6, 7, 8, 9}, strip.pixels());
        assertEquals(0, strip.badFrames());
    }

    /** Idle zero bytes, then r, g, b per LED sent as G, R, B bytes, each bit as 100 or 110, then zero bytes. */
    private static byte[] encode(int resetBytes, int... rgb) {
        int bits = 8 * IDLE_BYTES + 3 * 8 * rgb.length;
        byte[] out = new byte[(bits + 7) / 8 + resetBytes];
        int at = 8 * IDLE_BYTES;
        for (int led = 0; led < rgb.length / 3; led++) {
            for (int colour : new int[] {rgb[3 * led + 1], rgb[3 * led], rgb[3 * led + 2]}) {
                for (int b = 7; b >= 0; b--) {
                    setBit(out, at);
                    if ((colour >> b & 1) == 1) {
                        setBit(out, at + 1);
                    }
                    at += 3;
                }
            }
        }
        return out;
    }

    /** Whole zero bytes lasting at least 50 us at {@code speedHz}. */
    private static int resetBytes(int speedHz) {
        return (int) Math.ceil(50e-6 * speedHz / 8);
    }

    private static void setBit(byte[] data, int bit) {
        data[bit >> 3] |= (byte) (0x80 >> (bit & 7));
    }
}
