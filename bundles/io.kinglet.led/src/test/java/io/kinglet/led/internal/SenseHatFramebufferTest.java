package io.kinglet.led.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix's framebuffer bytes for known frames, and how the device is found. */
class SenseHatFramebufferTest {

    @TempDir
    Path root;

    private Path device(String fb) throws IOException {
        Files.createDirectories(root.resolve("sys/class/graphics/fb0"));
        Files.writeString(root.resolve("sys/class/graphics/fb0/name"), "vc4drmfb\n");
        Files.createDirectories(root.resolve("sys/class/graphics").resolve(fb));
        Files.writeString(root.resolve("sys/class/graphics").resolve(fb).resolve("name"), "RPi-Sense FB\n");
        Path device = Files.createDirectories(root.resolve("dev")).resolve(fb);
        Files.write(device, new byte[128]);
        return device;
    }

    @Test
    void pixelXyIsTheLittleEndianRgb565WordAtTwiceEightYPlusX() throws IOException {
        Path device = device("fb2");
        int[] frame = new int[3 * 64];
        set(frame, 0, 0, 255, 0, 0); // red: 11111 000000 00000 = 0xF800
        set(frame, 1, 0, 0, 255, 0); // green: 0x07E0
        set(frame, 7, 7, 0, 0, 255); // blue: 0x001F
        set(frame, 3, 2, 255, 255, 255); // white: 0xFFFF
        set(frame, 4, 5, 8, 4, 8); // the lowest step of each channel: 00001 000001 00001 = 0x0821

        try (SenseHatFramebuffer fb = new SenseHatFramebuffer(root.resolve("sys"), root.resolve("dev"))) {
            assertEquals("Sense HAT matrix (not found yet)", fb.describe());
            fb.write(frame);
            assertEquals("Sense HAT matrix " + device, fb.describe());
        }

        byte[] expected = new byte[128];
        word(expected, 0, 0, 0xF800);
        word(expected, 1, 0, 0x07E0);
        word(expected, 7, 7, 0x001F);
        word(expected, 3, 2, 0xFFFF);
        word(expected, 4, 5, 0x0821);
        assertArrayEquals(expected, Files.readAllBytes(device));
    }

    @Test
    void aMatrixThatAppearsLaterIsFoundAndUntilThenTheErrorSaysWhereItLooked() throws Exception {
        Files.createDirectories(root.resolve("sys/class/graphics/fb0"));
        Files.writeString(root.resolve("sys/class/graphics/fb0/name"), "vc4drmfb\n");
        try (SenseHatFramebuffer fb = new SenseHatFramebuffer(root.resolve("sys"), root.resolve("dev"))) {
            IOException e = assertThrows(OutputMissing.class, () -> fb.write(new int[3 * 64]));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "no framebuffer named 'RPi-Sense FB' under " + root.resolve("sys/class/graphics")),
                    e.getMessage());
            assertTrue(e.getMessage().contains("dtoverlay=rpi-sense"), e.getMessage());

            Path device = device("fb1");
            int[] white = new int[3 * 64];
            java.util.Arrays.fill(white, 255);
            // looked for again only after the retry interval: until then the same answer, at no cost
            assertThrows(OutputMissing.class, () -> fb.write(white));
            Thread.sleep(Reopening.RETRY_SECONDS * 1000L + 100);
            fb.write(white);

            byte[] expected = new byte[128];
            java.util.Arrays.fill(expected, (byte) 0xFF);
            assertArrayEquals(expected, Files.readAllBytes(device));
        }
    }

    private static void set(int[] frame, int x, int y, int r, int g, int b) {
        int i = 3 * (8 * y + x);
        frame[i] = r;
        frame[i + 1] = g;
        frame[i + 2] = b;
    }

    private static void word(byte[] bytes, int x, int y, int value) {
        int offset = 2 * (8 * y + x);
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >> 8);
    }
}
