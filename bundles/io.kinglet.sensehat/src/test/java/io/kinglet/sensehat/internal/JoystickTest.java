package io.kinglet.sensehat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoystickTest {

    @TempDir
    Path root;

    @Test
    void joystickKeysAreNamedOtherKeysIgnored() {
        List<String> keys = new CopyOnWriteArrayList<>();
        Joystick.key(28, false, (k, r) -> keys.add(k + (r ? "+" : "")));
        Joystick.key(103, true, (k, r) -> keys.add(k + (r ? "+" : "")));
        Joystick.key(30, false, (k, r) -> keys.add("not a joystick key"));
        assertEquals(List.of("ENTER", "UP+"), keys);
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
