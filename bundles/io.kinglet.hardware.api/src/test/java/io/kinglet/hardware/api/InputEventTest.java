package io.kinglet.hardware.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InputEventTest {

    private static final InputEvent ENTER =
            new InputEvent(Instant.ofEpochSecond(1_700_000_000L, 250_000_000), 1, 28, 1);

    /** struct input_event as a 64-bit process reads it: s64 tv_sec, s64 tv_usec, u16, u16, s32; little-endian. */
    @Test
    void a64BitRecordIsTheKernelsLayout() {
        byte[] expected = {
            0x00,
            (byte) 0xF1,
            0x53,
            0x65,
            0,
            0,
            0,
            0, // 1_700_000_000
            (byte) 0x90,
            (byte) 0xD0,
            0x03,
            0,
            0,
            0,
            0,
            0, // 250_000 us
            1,
            0,
            28,
            0,
            1,
            0,
            0,
            0
        };
        assertArrayEquals(expected, ENTER.encode(24));
        assertEquals(ENTER, InputEvent.decode(expected, 24));
    }

    /** A 32-bit process (armhf Raspberry Pi OS) gets 32-bit time fields even from a 64-bit kernel. */
    @Test
    void a32BitRecordIsSixteenBytes() {
        byte[] expected = {0x00, (byte) 0xF1, 0x53, 0x65, (byte) 0x90, (byte) 0xD0, 0x03, 0, 1, 0, 28, 0, 1, 0, 0, 0};
        assertArrayEquals(expected, ENTER.encode(16));
        assertEquals(ENTER, InputEvent.decode(expected, 16));
    }

    @Test
    void thisJvmsSizeFollowsItsDataModel() {
        assertEquals("32".equals(System.getProperty("sun.arch.data.model")) ? 16 : 24, InputEvent.SIZE);
        assertEquals(ENTER, InputEvent.decode(ENTER.encode()));
        assertEquals(
                "an input event is " + InputEvent.SIZE + " bytes here, not 3",
                assertThrows(IllegalArgumentException.class, () -> InputEvent.decode(new byte[3]))
                        .getMessage());
    }
}
