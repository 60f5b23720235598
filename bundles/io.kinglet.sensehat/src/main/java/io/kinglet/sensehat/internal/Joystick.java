package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.InputEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sense HAT joystick: an evdev device, found by its name under {@code class/input} of the sysfs
 * root (its number varies), read as Linux {@code struct input_event} records on a thread of its own.
 * A device blocks in read; a plain file standing in for one reaches its end, and is read again a
 * moment later, so the same code serves both.
 */
final class Joystick implements AutoCloseable {

    static final String NAME = "Raspberry Pi Sense HAT Joystick";
    private static final Logger LOG = LoggerFactory.getLogger(Joystick.class);
    private static final Map<Integer, String> KEYS =
            Map.of(103, "UP", 108, "DOWN", 105, "LEFT", 106, "RIGHT", 28, "ENTER");

    private final Path device;
    private final Thread reader;
    private volatile boolean running = true;

    /** Starts reading {@code device}; {@code onKey} gets the key name and whether it is a repeat. */
    Joystick(Path device, BiConsumer<String, Boolean> onKey) {
        this.device = device;
        this.reader = new Thread(() -> read(onKey), "kinglet-sensehat-joystick");
        reader.setDaemon(true);
        reader.start();
    }

    /** The joystick's device: the {@code eventN} whose {@code device/name} is the HAT's joystick. */
    static Optional<Path> find(Path sysfsRoot, Path devRoot) {
        try (Stream<Path> events = Files.list(sysfsRoot.resolve("class/input"))) {
            return events.filter(e -> e.getFileName().toString().startsWith("event"))
                    .filter(e -> NAME.equals(name(e)))
                    .map(e -> devRoot.resolve("input").resolve(e.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String name(Path event) {
        try {
            return Files.readString(event.resolve("device/name")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    Path device() {
        return device;
    }

    private void read(BiConsumer<String, Boolean> onKey) {
        try {
            while (running) {
                readUntilReplaced(onKey);
            }
        } catch (IOException e) {
            if (running) {
                LOG.warn("Sense HAT: joystick {} can no longer be read: {}", device, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads until the end of the stream, or until a plain file is cut shorter than what was read (made anew). */
    private void readUntilReplaced(BiConsumer<String, Boolean> onKey) throws IOException, InterruptedException {
        byte[] record = new byte[InputEvent.SIZE];
        int filled = 0;
        long position = 0;
        try (InputStream in = Files.newInputStream(device)) {
            while (running) {
                int n = in.read(record, filled, InputEvent.SIZE - filled);
                if (n < 0) {
                    if (Files.size(device) < position) {
                        return;
                    }
                    Thread.sleep(50); // a plain file at its end: more is appended later
                    continue;
                }
                filled += n;
                position += n;
                if (filled == InputEvent.SIZE) {
                    filled = 0;
                    key(InputEvent.decode(record), onKey);
                }
            }
        }
    }

    /** A key press (value 1) or repeat (2) becomes a call; releases and other events are ignored. */
    static void key(InputEvent event, BiConsumer<String, Boolean> onKey) {
        String key = KEYS.get(event.code());
        if (event.type() == InputEvent.EV_KEY && key != null && (event.value() == 1 || event.value() == 2)) {
            onKey.accept(key, event.value() == 2);
        }
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
    }
}
