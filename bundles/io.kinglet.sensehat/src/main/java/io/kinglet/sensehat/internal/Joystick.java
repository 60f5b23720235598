package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.InputDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sense HAT joystick: the input device the kernel names {@value #NAME}, its five keys by name.
 */
final class Joystick implements AutoCloseable {

    static final String NAME = "Raspberry Pi Sense HAT Joystick";
    private static final Logger LOG = LoggerFactory.getLogger(Joystick.class);
    private static final Map<Integer, String> KEYS =
            Map.of(103, "UP", 108, "DOWN", 105, "LEFT", 106, "RIGHT", 28, "ENTER");

    private final InputDevice device;

    /** Starts reading {@code device}; {@code onKey} gets the key name and whether it is a repeat. */
    Joystick(Path device, BiConsumer<String, Boolean> onKey) {
        this.device = new InputDevice(device, "kinglet-sensehat-joystick", new InputDevice.Listener() {
            @Override
            public void key(int code, boolean repeat) {
                Joystick.key(code, repeat, onKey);
            }

            @Override
            public void failed(IOException e) {
                LOG.warn("Sense HAT: joystick {} can no longer be read: {}", device, e.getMessage());
            }
        });
    }

    static Optional<Path> find(Path sysfsRoot, Path devRoot) {
        return InputDevice.find(sysfsRoot, devRoot, NAME);
    }

    Path device() {
        return device.path();
    }

    /** A joystick key becomes a call with its name; other keys are ignored. */
    static void key(int code, boolean repeat, BiConsumer<String, Boolean> onKey) {
        String key = KEYS.get(code);
        if (key != null) {
            onKey.accept(key, repeat);
        }
    }

    @Override
    public void close() {
        device.close();
    }
}
