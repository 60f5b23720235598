package io.kinglet.hardware.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The APA102 model decodes what a strip would latch, from frames encoded here by the datasheet's rules. */
class Apa102StripTest {

    private static final int SPEED_HZ = 4_000_000;

    @Test
    void coloursAndGlobalBrightnessAreDecodedPerLed() {
        Apa102Strip strip = new Apa102Strip(4);

        strip.receive(
                frame(4, led(31, 255, 0, 0), led(1, 0, 255, 0), led(16, 0, 0, 255), led(0, 0x12, 0x34, 0x56)),
                SPEED_HZ);

        assertArrayEquals(new int[] {255, 0, 0, 0, 255, 0, 0, 0, 255, 0x12, 0x34, 0x56}, strip.pixels());
        assertArrayEquals(new int[] {31, 1, 16, 0}, strip.brightness());
        assertEquals(1, strip.frames());
        assertEquals(0, strip.badFrames());
        assertEquals("", strip.lastError());
    }

    @Test
    void framesForMoreLedsThanTheStripHasArePassedOn() {
        Apa102Strip strip = new Apa102Strip(2);

        strip.receive(frame(4, led(31, 1, 2, 3), led(31, 4, 5, 6), led(31, 7, 8, 9), led(31, 10, 11, 12)), SPEED_HZ);

        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, strip.pixels());
        assertEquals(0, strip.badFrames());
    }

    @Test
    void aShortFrameUpdatesOnlyTheLedsItReaches() {
        Apa102Strip strip = new Apa102Strip(3);
        strip.receive(frame(3, led(31, 9, 9, 9), led(31, 9, 9, 9), led(31, 9, 9, 9)), SPEED_HZ);

        strip.receive(frame(1, led(5, 1, 2, 3)), SPEED_HZ);

        assertArrayEquals(new int[] {1, 2, 3, 9, 9, 9, 9, 9, 9}, strip.pixels());
        assertArrayEquals(new int[] {5, 31, 31}, strip.brightness());
    }

    @Test
    void aFrameWithoutStartFrameIsBadAndTheLedsKeepTheirColours() {
        Apa102Strip strip = new Apa102Strip(1);
        strip.receive(frame(1, led(31, 1, 2, 3)), SPEED_HZ);
        byte[] noStart = {(byte) 0xFF, 0, 0, 0, (byte) 0xFF, 0, 0, 0, (byte) 0xFF};

        strip.receive(noStart, SPEED_HZ);
        strip.receive(new byte[] {0, 0}, SPEED_HZ);

        assertEquals(2, strip.badFrames());
        assertEquals("APA102 start frame missing: a frame must begin with 32 zero bits, got 0x0000", strip.lastError());
        assertArrayEquals(new int[] {1, 2, 3}, strip.pixels());
        strip.receive(noStart, SPEED_HZ);
        assertEquals(
                "APA102 start frame missing: a frame must begin with 32 zero bits, got 0xff000000", strip.lastError());
    }

    @Test
    void aLedFrameWithoutItsLeadingOnesIsBadNamingTheLed() {
        Apa102Strip strip = new Apa102Strip(3);
        strip.receive(frame(3, led(31, 1, 1, 1), led(31, 1, 1, 1), led(31, 1, 1, 1)), SPEED_HZ);
        byte[] bad = frame(3, led(31, 2, 2, 2), led(31, 2, 2, 2), led(31, 2, 2, 2));
        bad[4 + 4] = 0x7F; // LED 1's header: 011 11111

        strip.receive(bad, SPEED_HZ);

        assertEquals(1, strip.badFrames());
        assertEquals("APA102 LED 1: frame 0x7f020202 does not begin with the bits 111", strip.lastError());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, strip.pixels());
        assertEquals(1, strip.frames());
    }

    @Test
    void theLastLedsNeedHalfAClockPerLedAfterTheirFrames() {
        Apa102Strip strip = new Apa102Strip(20);
        byte[] full = frame(20, new byte[20][]);

        strip.receive(Arrays.copyOf(full, 4 + 4 * 20), SPEED_HZ);
        assertEquals(
                "APA102 end frame too short: 20 LEDs need at least 10 clock bits after their frames, got 0",
                strip.lastError());
        strip.receive(Arrays.copyOf(full, 4 + 4 * 20 + 1), SPEED_HZ);
        assertEquals(
                "APA102 end frame too short: 20 LEDs need at least 10 clock bits after their frames, got 8",
                strip.lastError());
        assertEquals(0, strip.frames());

        strip.receive(full, SPEED_HZ);
        assertEquals(1, strip.frames());
        assertEquals(2, strip.badFrames());
    }

    /** 0b111 and the 5-bit global brightness, then blue, green, red: one LED frame as the datasheet draws it. */
    private static byte[] led(int brightness, int red, int green, int blue) {
        return new byte[] {(byte) (0b1110_0000 | brightness), (byte) blue, (byte) green, (byte) red};
    }

    /**
     * A start frame of 32 zero bits, the LED frames (a missing one is black at full brightness), and an end
     * frame of ones: at least one clock per two LEDs of a strip of {@code stripLeds}, whole bytes.
     */
    private static byte[] frame(int stripLeds, byte[]... leds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[4]);
        for (byte[] led : leds) {
            out.writeBytes(led == null ? led(31, 0, 0, 0) : led);
        }
        int endBits = (stripLeds + 1) / 2;
        for (int i = 0; i < (endBits + 7) / 8; i++) {
            out.write(0xFF);
        }
        return out.toByteArray();
    }
}
