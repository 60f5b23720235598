package io.kinglet.hardware.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDeviceTest {

    @TempDir
    Path root;

    private static InputEvent event(int type, int code, int value) {
        return new InputEvent(Instant.now(), type, code, value);
    }

    @Test
    void theDeviceIsFoundByItsNameWhateverItsNumber() throws Exception {
        Files.createDirectories(root.resolve("sys/class/input/event0/device"));
        Files.writeString(root.resolve("sys/class/input/event0/device/name"), "Power button\n");
        Files.createDirectories(root.resolve("sys/class/input/event3/device"));
        Files.writeString(root.resolve("sys/class/input/event3/device/name"), "button@11\n");
        assertEquals(
                Optional.of(root.resolve("dev/input/event3")),
                InputDevice.find(root.resolve("sys"), root.resolve("dev"), "button@11"));
        assertEquals(Optional.empty(), InputDevice.find(root.resolve("nothing"), root.resolve("dev"), "button@11"));
    }

    @Test
    void pressesAndRepeatsArePassedOnReleasesAndSyncsAreNot() {
        List<String> keys = new CopyOnWriteArrayList<>();
        InputDevice.Listener listener = (code, repeat) -> keys.add(code + (repeat ? "+" : ""));
        InputDevice.dispatch(event(InputEvent.EV_KEY, 28, 1), listener);
        InputDevice.dispatch(event(InputEvent.EV_KEY, 28, 0), listener);
        InputDevice.dispatch(event(InputEvent.EV_SYN, 0, 0), listener);
        InputDevice.dispatch(event(InputEvent.EV_KEY, 103, 2), listener);
        assertEquals(List.of("28", "103+"), keys);
    }

    @Test
    void recordsAppendedToAPlainFileAreReadAsTheyCome() throws Exception {
        Path device = Files.createDirectories(root.resolve("dev/input")).resolve("event0");
        Files.write(device, event(InputEvent.EV_KEY, 106, 1).encode());
        List<Integer> keys = new CopyOnWriteArrayList<>();
        try (InputDevice input = new InputDevice(device, "test-input", (code, repeat) -> keys.add(code))) {
            long deadline = System.currentTimeMillis() + 5_000;
            while (keys.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Files.write(device, event(InputEvent.EV_KEY, 108, 1).encode(), StandardOpenOption.APPEND);
            while (keys.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(List.of(106, 108), keys);
    }
}
