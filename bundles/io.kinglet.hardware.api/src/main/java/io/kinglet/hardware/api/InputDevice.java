package io.kinglet.hardware.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Linux input (evdev) device read on a thread of its own, its key presses passed to a listener: the
 * Sense HAT joystick, or a button on a GPIO pin that the kernel's {@code gpio-keys} driver (Raspberry
 * Pi's {@code gpio-key} overlay) turns into an input device. Found by the name the kernel gives it, as
 * its {@code eventN} number varies. A device blocks in read; a plain file standing in for one (the
 * simulation) reaches its end and is read again a moment later, so the same code serves both.
 */
public final class InputDevice implements AutoCloseable {

    /** Key presses (and auto-repeats) of the device; releases and other events are not passed on. */
    public interface Listener {
        void key(int code, boolean repeat);

        /** The device can no longer be read (unplugged, permissions); the reader has stopped. */
        default void failed(IOException e) {}
    }

    private static final long PLAIN_FILE_POLL_MILLIS = 50;

    private final Path device;
    private final Thread reader;
    private volatile boolean running = true;

    /** Starts reading {@code device} on a daemon thread called {@code threadName}. */
    public InputDevice(Path device, String threadName, Listener listener) {
        this.device = device;
        this.reader = new Thread(() -> read(listener), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The device named {@code name}: {@code <devRoot>/input/eventN} for the {@code eventN} under
     * {@code <sysfsRoot>/class/input} whose {@code device/name} is {@code name}.
     */
    public static Optional<Path> find(Path sysfsRoot, Path devRoot, String name) {
        try (Stream<Path> events = Files.list(sysfsRoot.resolve("class/input"))) {
            return events.filter(e -> e.getFileName().toString().startsWith("event"))
                    .filter(e -> name.equals(name(e)))
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

    public Path path() {
        return device;
    }

    /** A key press (value 1) or repeat (2) goes to the listener; releases and other events do not. */
    static void dispatch(InputEvent event, Listener listener) {
        if (event.type() == InputEvent.EV_KEY && (event.value() == 1 || event.value() == 2)) {
            listener.key(event.code(), event.value() == 2);
        }
    }

    private void read(Listener listener) {
        try {
            while (running) {
                readUntilReplaced(listener);
            }
        } catch (IOException e) {
            if (running) {
                listener.failed(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads until the end of the stream, or until a plain file is cut shorter than what was read (made anew). */
    private void readUntilReplaced(Listener listener) throws IOException, InterruptedException {
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
                    Thread.sleep(PLAIN_FILE_POLL_MILLIS);
                    continue;
                }
                filled += n;
                position += n;
                if (filled == InputEvent.SIZE) {
                    filled = 0;
                    dispatch(InputEvent.decode(record), listener);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
    }
}
