package io.kinglet.hardware.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.hardware.api.InputEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedSysfsTest {

    @TempDir
    Path root;

    private final TestClock clock = new TestClock();
    private SimulatedI2c simulation;
    private SimulationCommands sim;

    private void start(Map<String, Object> config) {
        simulation = new SimulatedI2c(SimulatedI2cTest.config(config), clock, new SplittableRandom(5));
        sim = new SimulationCommands(simulation);
    }

    @AfterEach
    void stop() {
        if (simulation != null) {
            simulation.deactivate();
        }
    }

    @Test
    void theFilesAppearWhereTheReaderLooks() throws IOException {
        Files.createDirectories(root.resolve("dev/input"));
        Files.write(root.resolve("dev/input/event0"), new byte[] {1, 2, 3}); // left by an earlier run
        start(Map.of("root", root.toString(), "drift", false));
        assertEquals(
                "Raspberry Pi Sense HAT Joystick\n",
                Files.readString(root.resolve("sys/class/input/event0/device/name")));
        Path event = root.resolve("dev/input/event0");
        assertTrue(Files.isRegularFile(event));
        assertEquals(0, Files.size(event));
        assertEquals("48000\n", Files.readString(root.resolve("sys/class/thermal/thermal_zone0/temp")));
        assertTrue(sim.status().contains("cpu            48.00 °C       48.00 °C"), sim.status());
        assertTrue(sim.status().contains("Joystick " + event.toAbsolutePath()), sim.status());
    }

    @Test
    void theThermalZoneFollowsTheCpuSetPointInMillidegrees() throws IOException {
        start(Map.of("root", root.toString(), "drift", false));
        assertEquals("Simulation: cpu set point 48.0 -> 65.4321 °C", sim.set("cpu", "65.4321"));
        Path zone = root.resolve("sys/class/thermal/thermal_zone0/temp");
        assertEquals("65432\n", Files.readString(zone));
        sim.set("CPU", "-12.5");
        assertEquals("-12500\n", Files.readString(zone));
        try (var files = Files.list(zone.getParent())) {
            assertEquals(1, files.count(), "no temporary file left beside the zone");
        }
        assertEquals(
                "cpu 130.0 °C is out of range: cpu -40..125 °C",
                assertThrows(IllegalArgumentException.class, () -> sim.set("cpu", "130"))
                        .getMessage());
    }

    /** The LED matrix is found by name among framebuffers, and starts dark: 128 zero bytes. */
    @Test
    void theLedMatrixFramebufferIsCreatedDarkBesideAnotherFramebuffer() throws IOException {
        start(Map.of("root", root.toString()));
        Path device = simulation.sysfs().orElseThrow().framebuffer();

        assertEquals(root.resolve("dev/fb1").toAbsolutePath(), device);
        assertArrayEquals(new byte[128], Files.readAllBytes(device));
        assertEquals("RPi-Sense FB\n", Files.readString(root.resolve("sys/class/graphics/fb1/name")));
        assertEquals("vc4drmfb\n", Files.readString(root.resolve("sys/class/graphics/fb0/name")));
    }

    @Test
    void pressAppendsPressSyncReleaseSync() throws IOException {
        start(Map.of("root", root.toString()));
        clock.advance(Duration.ofMillis(1500).plusNanos(1999));
        Instant now = clock.instant();
        assertEquals("Simulation: joystick ENTER pressed and released (event0)", sim.press("enter"));
        assertEquals("Simulation: joystick UP pressed and released (event0)", sim.press("Up"));

        byte[] written = Files.readAllBytes(root.resolve("dev/input/event0"));
        assertEquals(8 * InputEvent.SIZE, written.length);
        int[][] expected = {{1, 28, 1}, {0, 0, 0}, {1, 28, 0}, {0, 0, 0}, {1, 103, 1}, {0, 0, 0}, {1, 103, 0}, {0, 0, 0}
        };
        for (int i = 0; i < expected.length; i++) {
            InputEvent event =
                    InputEvent.decode(Arrays.copyOfRange(written, i * InputEvent.SIZE, (i + 1) * InputEvent.SIZE));
            // stamped at microsecond resolution, as the kernel does
            assertEquals(now.minusNanos(999), event.time(), "time");
            assertEquals(expected[i][0], event.type(), "type");
            assertEquals(expected[i][1], event.code(), "code");
            assertEquals(expected[i][2], event.value(), "value");
        }

        assertEquals("Simulation: button BUTTON pressed and released (event1)", sim.press("button"));
        byte[] button = Files.readAllBytes(root.resolve("dev/input/event1"));
        assertEquals(4 * InputEvent.SIZE, button.length);
        assertEquals(
                116, InputEvent.decode(Arrays.copyOf(button, InputEvent.SIZE)).code());
        assertEquals("button@11\n", Files.readString(root.resolve("sys/class/input/event1/device/name")));
    }

    @Test
    void badKeysAndAMissingRootAreRefusedSayingWhatToDo() {
        start(Map.of("root", root.toString()));
        assertEquals(
                "unknown key 'north': the Sense HAT joystick has UP, DOWN, LEFT, RIGHT, ENTER; the GPIO button is BUTTON",
                assertThrows(IllegalArgumentException.class, () -> sim.press("north"))
                        .getMessage());
        simulation.deactivate();

        start(Map.of());
        assertEquals(
                "no simulated joystick: set root in io.kinglet.hardware.sim"
                        + " (the folder for the simulated sys/ and dev/ trees)",
                assertThrows(IllegalStateException.class, () -> sim.press("ENTER"))
                        .getMessage());
        assertTrue(sim.status().contains("Joystick and CPU thermal zone not simulated"), sim.status());
    }

    @Test
    void aRootThatCannotHoldTheTreesIsRefusedNamingTheProperty() throws IOException {
        Path file = Files.writeString(root.resolve("a-file"), "not a folder");
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(Map.of("root", file.toString())));
        assertTrue(e.getMessage().contains("(configuration io.kinglet.hardware.sim, property root)"), e.getMessage());
    }
}
