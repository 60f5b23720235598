package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.api.InputEvent;
import io.kinglet.hardware.sim.internal.Environment.Quantity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sense HAT joystick, its LED matrix ({@link SimulatedFramebuffer}), a push button on a GPIO pin
 * and the CPU thermal zone as the files Linux shows them, under a root folder:
 * {@code sys/class/input/event0/device/name} names the joystick, {@code dev/input/event0} receives its
 * {@code struct input_event} records; {@code event1} is the button as the kernel's {@code gpio-keys}
 * driver shows one (Raspberry Pi's {@code gpio-key} overlay on GPIO 17: {@value #BUTTON_NAME}, key
 * {@code KEY_POWER}); {@code sys/class/thermal/thermal_zone0/temp} holds the CPU temperature in
 * millidegrees. The event file is a regular file that only grows: a reader reaches its
 * end where a device would block, and reads again later.
 */
final class SimulatedSysfs implements AutoCloseable {

    /** The joystick's keys and the button, with their Linux key codes ({@code KEY_UP} etc.) and devices. */
    enum Key {
        UP(103, JOYSTICK_EVENT),
        DOWN(108, JOYSTICK_EVENT),
        LEFT(105, JOYSTICK_EVENT),
        RIGHT(106, JOYSTICK_EVENT),
        ENTER(28, JOYSTICK_EVENT),
        BUTTON(116, BUTTON_EVENT);

        final int code;
        final String event;

        Key(int code, String event) {
            this.code = code;
            this.event = event;
        }

        String device() {
            return this == BUTTON ? "button" : "joystick";
        }

        static Key parse(String name) {
            return Arrays.stream(values())
                    .filter(k -> k.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown key '" + name
                            + "': the Sense HAT joystick has UP, DOWN, LEFT, RIGHT, ENTER; the GPIO button is BUTTON"));
        }
    }

    static final String JOYSTICK_NAME = "Raspberry Pi Sense HAT Joystick";
    static final String JOYSTICK_EVENT = "event0";
    /** The name {@code dtoverlay=gpio-key,gpio=17} gives the button's input device. */
    static final String BUTTON_NAME = "button@11";

    static final String BUTTON_EVENT = "event1";
    static final int SYN_REPORT = 0;
    static final int RELEASE = 0;
    static final int PRESS = 1;

    /** Often enough that drift shows in the file, rarely enough to cost nothing. */
    private static final long THERMAL_PERIOD_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSysfs.class);

    private final Path input;
    private final Path thermal;
    private final Path framebuffer;
    private final Environment environment;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    /** Set while periodic writes fail, so that a vanished folder is logged once, not every period. */
    private boolean failing;

    /** Creates the files under the {@code configured} root and starts rewriting the thermal zone periodically. */
    SimulatedSysfs(Path configured, Environment environment, InstantSource clock) throws IOException {
        Path root = configured.toAbsolutePath();
        this.input = root.resolve("dev/input");
        this.thermal = root.resolve("sys/class/thermal/thermal_zone0/temp");
        this.environment = environment;
        this.clock = clock;
        inputDevice(root, JOYSTICK_EVENT, JOYSTICK_NAME);
        inputDevice(root, BUTTON_EVENT, BUTTON_NAME);
        Files.createDirectories(thermal.getParent());
        writeThermal();
        this.framebuffer = SimulatedFramebuffer.create(root);
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kinglet-sim-thermal");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(
                this::rewriteThermal, THERMAL_PERIOD_SECONDS, THERMAL_PERIOD_SECONDS, TimeUnit.SECONDS);
        LOG.info(
                "Simulation: Sense HAT joystick {}, GPIO button {}, LED matrix {} and CPU thermal zone {} (sysfs root {},"
                        + " dev root {})",
                event(),
                input.resolve(BUTTON_EVENT),
                framebuffer,
                thermal,
                root.resolve("sys"),
                root.resolve("dev"));
    }

    private void inputDevice(Path root, String event, String name) throws IOException {
        Path nameFile = root.resolve("sys/class/input").resolve(event).resolve("device/name");
        Files.createDirectories(nameFile.getParent());
        Files.writeString(nameFile, name + "\n");
        Files.createDirectories(input);
        // Emptied, like a device just opened: no press from an earlier run is replayed.
        Files.write(input.resolve(event), new byte[0]);
    }

    /** The joystick's event file. */
    Path event() {
        return input.resolve(JOYSTICK_EVENT);
    }

    Path thermal() {
        return thermal;
    }

    Path framebuffer() {
        return framebuffer;
    }

    /**
     * Writes the CPU temperature now, in millidegrees, as Linux does. Written beside the file and
     * renamed over it, so that a reader sees the old number or the new one, never half of one.
     */
    synchronized void writeThermal() throws IOException {
        long millidegrees = Math.round(environment.value(Quantity.CPU) * 1000);
        Path next = thermal.resolveSibling(thermal.getFileName() + ".new");
        Files.writeString(next, millidegrees + "\n");
        Files.move(next, thermal, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Presses and releases {@code key}: key down, sync, key up, sync, stamped now. All four records in
     * one append, so presses from two shells never interleave and a polling reader gets them together.
     */
    void press(Key key) throws IOException {
        Instant now = clock.instant();
        ByteBuffer records = ByteBuffer.allocate(4 * InputEvent.SIZE);
        records.put(new InputEvent(now, InputEvent.EV_KEY, key.code, PRESS).encode())
                .put(new InputEvent(now, InputEvent.EV_SYN, SYN_REPORT, 0).encode())
                .put(new InputEvent(now, InputEvent.EV_KEY, key.code, RELEASE).encode())
                .put(new InputEvent(now, InputEvent.EV_SYN, SYN_REPORT, 0).encode());
        Files.write(input.resolve(key.event), records.array(), StandardOpenOption.APPEND);
    }

    private void rewriteThermal() {
        try {
            writeThermal();
            if (failing) {
                failing = false;
                LOG.info("Simulation: CPU thermal zone {} written again", thermal);
            }
        } catch (IOException | RuntimeException e) {
            // Caught, not thrown: an exception would cancel the periodic task for good.
            if (!failing) {
                failing = true;
                LOG.warn("Simulation: cannot write CPU thermal zone {}: {}", thermal, e.toString());
            }
        }
    }

    /** Stops the periodic writes, letting one under way finish so no half-written temp file is left. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Simulation: CPU thermal zone writer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
