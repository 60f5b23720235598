package io.kinglet.sensehat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.hardware.api.InputEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoystickTest {

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
        Files.writeString(root.resolve("sys/class/input/event3/device/name"), Joystick.NAME + "\n");
        assertEquals(
                Optional.of(root.resolve("dev/input/event3")), Joystick.find(root.resolve("sys"), root.resolve("dev")));
        assertEquals(Optional.empty(), Joystick.find(root.resolve("nothing"), root.resolve("dev")));
    }

    @Test
    void pressesAndRepeatsAreKeysReleasesAndSyncsAreNot() {
        List<String> keys = new CopyOnWriteArrayList<>();
        Joystick.key(event(1, 28, 1), (k, r) -> keys.add(k + (r ? "+" : "")));
        Joystick.key(event(1, 28, 0), (k, r) -> keys.add("release"));
        Joystick.key(event(0, 0, 0), (k, r) -> keys.add("sync"));
        Joystick.key(event(1, 103, 2), (k, r) -> keys.add(k + (r ? "+" : "")));
        Joystick.key(event(1, 30, 1), (k, r) -> keys.add("not a joystick key"));
        assertEquals(List.of("ENTER", "UP+"), keys);
    }

    @Test
    void recordsAppendedToAPlainFileAreReadAsTheyCome() throws Exception {
        Path device = Files.createDirectories(root.resolve("dev/input")).resolve("event0");
        Files.write(device, event(1, 106, 1).encode());
        List<String> keys = new CopyOnWriteArrayList<>();
        try (Joystick joystick = new Joystick(device, (k, r) -> keys.add(k))) {
            long deadline = System.currentTimeMillis() + 5_000;
            while (keys.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Files.write(device, event(1, 108, 1).encode(), StandardOpenOption.APPEND);
            while (keys.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(List.of("RIGHT", "DOWN"), keys);
    }

    @Test
    void theTemperatureIsCompensatedForTheCpusHeatWhenAFactorIsSet() throws Exception {
        Path zone = Files.createDirectories(root.resolve("class/thermal/thermal_zone0"))
                .resolve("temp");
        Files.writeString(zone, "60000\n");
        Instant now = Instant.now();
        Map<Quantity, SenseHat.Reading> fresh = new EnumMap<>(Quantity.class);
        fresh.put(Quantity.TEMPERATURE, new SenseHat.Reading(Quantity.TEMPERATURE, 30.0, "HTS221", now));
        new CpuHeat(root, 2.0).apply(fresh, now);
        assertEquals(15.0, fresh.get(Quantity.TEMPERATURE).value(), 1e-9); // 30 - (60 - 30) / 2
        assertEquals(30.0, fresh.get(Quantity.TEMPERATURE_UNCOMPENSATED).value());
        assertEquals(60.0, fresh.get(Quantity.CPU_TEMPERATURE).value());

        Map<Quantity, SenseHat.Reading> off = new EnumMap<>(Quantity.class);
        off.put(Quantity.TEMPERATURE, new SenseHat.Reading(Quantity.TEMPERATURE, 30.0, "HTS221", now));
        new CpuHeat(root, 0).apply(off, now);
        assertEquals(30.0, off.get(Quantity.TEMPERATURE).value());
        assertTrue(off.containsKey(Quantity.CPU_TEMPERATURE));
    }
}
