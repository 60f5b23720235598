package io.kinglet.ble.internal;

import io.kinglet.hardware.api.InputDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push button as proof of presence: a GPIO pin that the kernel's {@code gpio-keys} driver shows as
 * an input device ({@code dtoverlay=gpio-key,gpio=17,active_low=1,gpio_pull=up} on a Raspberry Pi names
 * it {@code button@11} and sends {@code KEY_POWER}, 116). Found by that name, looked for again every
 * few seconds until it appears (the simulation creates its device when it starts); a press of the key
 * authorizes.
 */
final class PresenceButton implements AutoCloseable {

    /** The button's name, and what is wrong with it if anything. */
    record Status(String name, Optional<String> problem) {}

    private static final Logger LOG = LoggerFactory.getLogger(PresenceButton.class);
    private static final long LOOK_AGAIN_MILLIS = 2_000;

    private final String name;
    private final int key;
    private final Path sysfsRoot;
    private final Path devRoot;
    private final Consumer<String> authorize;
    private final EventThread lookup = new EventThread("kinglet-ble-button");
    private volatile InputDevice device;
    private volatile String problem;
    private ScheduledFuture<?> again;

    private PresenceButton(String name, int key, Path sysfsRoot, Path devRoot, Consumer<String> authorize) {
        this.name = name;
        this.key = key;
        this.sysfsRoot = sysfsRoot;
        this.devRoot = devRoot;
        this.authorize = authorize;
        lookup.run(this::find);
    }

    /** Reads the button named {@code name}; none when the name is blank. */
    static Optional<PresenceButton> open(
            String name, int key, Path sysfsRoot, Path devRoot, Consumer<String> authorize) {
        return name.isBlank()
                ? Optional.empty()
                : Optional.of(new PresenceButton(name, key, sysfsRoot, devRoot, authorize));
    }

    Status status() {
        return new Status(name, Optional.ofNullable(problem));
    }

    private void find() {
        Optional<Path> path = InputDevice.find(sysfsRoot, devRoot, name);
        if (path.isEmpty()) {
            if (problem == null) {
                problem = "no input device named '" + name + "' under " + sysfsRoot.resolve("class/input")
                        + " (on a Raspberry Pi: dtoverlay=gpio-key,gpio=<pin>,active_low=1,gpio_pull=up in"
                        + " config.txt)";
                LOG.warn("BLE: presence button: {}; looking again every {} s", problem, LOOK_AGAIN_MILLIS / 1000);
            }
            again = lookup.schedule(this::find, LOOK_AGAIN_MILLIS);
            return;
        }
        problem = null;
        device = new InputDevice(path.get(), "kinglet-ble-button-input", new InputDevice.Listener() {
            @Override
            public void key(int code, boolean repeat) {
                if (code == key && !repeat) {
                    authorize.accept("the button " + name);
                }
            }

            @Override
            public void failed(IOException e) {
                problem = "the button " + name + " (" + path.get() + ") can no longer be read: " + e.getMessage();
                LOG.warn("BLE: {}", problem);
            }
        });
        LOG.info("BLE: presence button {} on {}, key {}", name, path.get(), key);
    }

    @Override
    public void close() {
        lookup.run(() -> {
            if (again != null) {
                again.cancel(false);
            }
        });
        lookup.close();
        InputDevice open = device;
        if (open != null) {
            open.close();
        }
    }
}
