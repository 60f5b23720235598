package io.kinglet.hardware.linuxfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.hardware.api.I2cDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real Pi4J linuxfs path, on a machine without that I2C bus (a build machine has no
 * {@code /dev/i2c-97}): opening fails with a message an operator can act on, never with Pi4J's
 * unchecked exceptions, and the provider keeps working after a failure.
 */
class LinuxI2cTest {

    private static final int ABSENT_BUS = 97;

    private final LinuxI2c i2c = new LinuxI2c();

    @AfterEach
    void stop() {
        i2c.deactivate();
    }

    @Test
    void aBusTheKernelDoesNotHaveIsRefusedNamingItAndHowToEnableI2c() {
        assertTrue(Files.notExists(Path.of("/sys/bus/i2c/devices/i2c-" + ABSENT_BUS)), "this test needs bus 97 absent");

        IOException e = assertThrows(IOException.class, () -> i2c.open(ABSENT_BUS, 0x5F));

        assertTrue(e.getMessage().startsWith("I2C device 0x5f on /dev/i2c-97 failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("/sys/bus/i2c/devices/i2c-97"), e.getMessage());
        assertTrue(e.getMessage().contains("enable I2C (raspi-config nonint do_i2c 0"), e.getMessage());
    }

    @Test
    void theProviderAnswersAgainAfterAFailureAndEachAttemptGetsItsOwnDevice() {
        IOException first = assertThrows(IOException.class, () -> i2c.open(ABSENT_BUS, 0x5C));
        IOException second = assertThrows(IOException.class, () -> i2c.open(ABSENT_BUS, 0x5C));

        assertEquals(first.getMessage(), second.getMessage());
    }

    @Test
    void addressesAndBusesOutsideI2cAreRefusedBeforeTouchingTheKernel() {
        assertThrows(IllegalArgumentException.class, () -> i2c.open(-1, 0x5F));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> i2c.open(1, 0x80));
        assertTrue(e.getMessage().contains("0x80 is not a 7-bit device address"), e.getMessage());
    }

    @Test
    void aStoppedProviderRefusesToOpen() {
        i2c.deactivate();

        IOException e = assertThrows(IOException.class, () -> {
            try (I2cDevice ignored = i2c.open(1, 0x5F)) {
                // not reached
            }
        });
        assertTrue(e.getMessage().contains("the Linux I2C provider has stopped"), e.getMessage());
    }

    @Test
    void aMachineWithoutPi4jsNativeLibraryIsNamedWithItsArchitecture() {
        IOException e = LinuxI2cDevice.failure("I2C device 0x5f on /dev/i2c-1", new UnsatisfiedLinkError("no lib"));

        assertTrue(
                e.getMessage().contains("no native library for this machine (" + System.getProperty("os.arch")),
                e.getMessage());
    }
}
