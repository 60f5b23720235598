package io.kinglet.led.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sense HAT's 8x8 LED matrix through its Linux framebuffer: found by the name {@value #NAME} under
 * {@code <sysfs>/class/graphics/fb*}/name (its number varies with other displays), 128 bytes of
 * RGB565 little-endian, pixel (x, y) at offset 2·(8y + x). One positional write per frame from a
 * buffer allocated once. Until the framebuffer is there (the driver, or the simulation, may come up
 * after the animator) it is looked for again every {@value Reopening#RETRY_SECONDS} s; a write that fails
 * closes it so that it is looked for anew.
 */
final class SenseHatFramebuffer implements Output {

    static final String NAME = "RPi-Sense FB";
    static final int SIZE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(SenseHatFramebuffer.class);

    private final Path sysfsRoot;
    private final Path devRoot;
    private final ByteBuffer frame = ByteBuffer.allocateDirect(2 * SIZE * SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private volatile Path device;
    private FileChannel channel;
    private final Reopening reopening = new Reopening();

    SenseHatFramebuffer(Path sysfsRoot, Path devRoot) {
        this.sysfsRoot = sysfsRoot;
        this.devRoot = devRoot;
    }

    private void open() throws IOException {
        reopening.attempt();
        Optional<String> fb = find();
        if (fb.isEmpty()) {
            throw reopening.failed(
                    new OutputMissing("no framebuffer named '" + NAME + "' under " + sysfsRoot.resolve("class/graphics")
                            + " (is the Sense HAT fitted, and dtoverlay=rpi-sense in config.txt?)"));
        }
        try {
            channel = FileChannel.open(devRoot.resolve(fb.get()), StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw reopening.failed(e);
        }
        device = devRoot.resolve(fb.get());
        reopening.succeeded();
        LOG.info("LED: Sense HAT matrix is {}", device);
    }

    private Optional<String> find() throws IOException {
        Path graphics = sysfsRoot.resolve("class/graphics");
        if (!Files.isDirectory(graphics)) {
            return Optional.empty();
        }
        try (Stream<Path> fbs = Files.list(graphics)) {
            return fbs.filter(fb -> fb.getFileName().toString().startsWith("fb"))
                    .filter(fb -> NAME.equals(name(fb)))
                    .map(fb -> fb.getFileName().toString())
                    .sorted()
                    .findFirst();
        }
    }

    private static String name(Path fb) {
        try {
            return Files.readString(fb.resolve("name")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public int width() {
        return SIZE;
    }

    @Override
    public int height() {
        return SIZE;
    }

    @Override
    public String describe() {
        Path d = device;
        return "Sense HAT matrix " + (d == null ? "(not found yet)" : d);
    }

    @Override
    public void write(int[] rgb) throws IOException {
        if (channel == null) {
            open();
        }
        frame.clear();
        for (int i = 0; i < rgb.length; i += 3) {
            frame.putShort((short) rgb565(rgb[i], rgb[i + 1], rgb[i + 2]));
        }
        frame.flip();
        try {
            while (frame.hasRemaining()) {
                channel.write(frame, frame.position());
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** 5 bits red, 6 green, 5 blue: the top bits of each 8-bit value. */
    static int rgb565(int red, int green, int blue) {
        return (red >> 3) << 11 | (green >> 2) << 5 | blue >> 3;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("LED: closing {} failed: {}", device, e.toString());
            }
            channel = null;
        }
    }
}
