package io.kinglet.hardware.sim.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Sense HAT LED matrix's framebuffer as Linux shows it: {@code sys/class/graphics/fb1/name} is
 * {@value #NAME} and {@code dev/fb1} holds the 8x8 RGB565 pixels (128 bytes), which read back what
 * was written, as the real one does. An HDMI console framebuffer {@code fb0} sits beside it, so
 * that a driver must find the matrix by name, not by number.
 */
final class SimulatedFramebuffer {

    static final String NAME = "RPi-Sense FB";
    static final int BYTES = 128;

    private SimulatedFramebuffer() {}

    /** Creates the files under {@code root} and returns the device file, dark (all zero). */
    static Path create(Path root) throws IOException {
        Path graphics = root.resolve("sys/class/graphics");
        Files.createDirectories(graphics.resolve("fb0"));
        Files.writeString(graphics.resolve("fb0/name"), "vc4drmfb\n");
        Files.createDirectories(graphics.resolve("fb1"));
        Files.writeString(graphics.resolve("fb1/name"), NAME + "\n");
        Path device = Files.createDirectories(root.resolve("dev")).resolve("fb1");
        Files.write(device, new byte[BYTES]);
        return device;
    }
}
