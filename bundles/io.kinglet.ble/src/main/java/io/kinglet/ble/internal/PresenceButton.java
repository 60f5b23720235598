package io.kinglet.ble.internal;

import io.kinglet.hardware.api.InputDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push button as proof of presence: a GPIO pin that the kernel's {@code gpio-keys} driver shows as
 * an input device ({@code dtoverlay=gpio-key,gpio=17,active_low=1,gpio_pull=up} on a Raspberry Pi names
 * it {@code button@11} and sends {@code KEY_POWER}, 116). Found by that name; a press of the key
 * authorizes.
 */
final class PresenceButton implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceButton.class);

    private final String name;
    private final Optional<InputDevice> device;
    private volatile String problem;

    private PresenceButton(String name, int key, Optional<Path> path, Path sysfsRoot, Consumer<String> authorize) {
        this.name = name;
        this.device = path.map(p -> new InputDevice(p, "kinglet-ble-button", new InputDevice.Listener() {
            @Override
            public void key(int code, boolean repeat) {
                if (code == key && !repeat) {
                    authorize.accept("the button " + name);
                }
            }

            @Override
            public void failed(IOException e) {
                problem = "the button " + name + " (" + p + ") can no longer be read: " + e.getMessage();
                LOG.warn("BLE: {}", problem);
            }
        }));
        if (device.isEmpty()) {
            problem = "no input device named '" + name + "' under " + sysfsRoot.resolve("class/input")
                    + " (on a Raspberry Pi: dtoverlay=gpio-key,gpio=<pin>,active_low=1,gpio_pull=up in config.txt)";
            LOG.warn("BLE: presence button: {}", problem);
        } else {
            LOG.info("BLE: presence button {} on {}, key {}", name, path.get(), key);
        }
    }

    /** Reads the button named {@code name}; none when the name is blank. */
    static Optional<PresenceButton> open(
            String name, int key, Path sysfsRoot, Path devRoot, Consumer<String> authorize) {
        if (name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(
                new PresenceButton(name, key, InputDevice.find(sysfsRoot, devRoot, name), sysfsRoot, authorize));
    }

    /** The button's name, and what is wrong with it if anything. */
    record Status(String name, Optional<String> problem) {}

    Status status() {
        return new Status(name, Optional.ofNullable(problem));
    }

    @Override
    public void close() {
        device.ifPresent(InputDevice::close);
    }
}
