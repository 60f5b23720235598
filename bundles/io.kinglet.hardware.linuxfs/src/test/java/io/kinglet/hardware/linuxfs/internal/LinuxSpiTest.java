package io.kinglet.hardware.linuxfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Pi4J linuxfs SPI path, on a machine without SPI (a build machine has no
 * {@code /dev/spidev97.0}): opening fails with a message an operator can act on, never with Pi4J's
 * unchecked exceptions, and bad arguments are refused before touching the kernel.
 */
class LinuxSpiTest {

    private final LinuxSpi spi = new LinuxSpi();

    @AfterEach
    void stop() {
        spi.deactivate();
    }

    @Test
    void aDeviceTheKernelDoesNotHaveIsRefusedNamingItAndHowToEnableSpi() {
        assertTrue(Files.notExists(Path.of("/dev/spidev97.0")), "this test needs /dev/spidev97.0 absent");

        IOException e = assertThrows(IOException.class, () -> spi.open(97, 0, 2_400_000, 0));

        assertEquals(
                "SPI device /dev/spidev97.0 failed: no such device; enable SPI (raspi-config nonint do_spi 0,"
                        + " or dtparam=spi=on in config.txt) and reboot",
                e.getMessage());
    }

    @Test
    void aFailureInsidePi4jIsMappedNamingTheDeviceAndHowToEnableSpi() {
        // bus 6 is the highest Pi4J 3.0.3 knows; through Pi4J and JNA down to open(2), which fails here
        assertTrue(Files.notExists(Path.of("/dev/spidev6.0")), "this test needs /dev/spidev6.0 absent");

        IOException e = assertThrows(IOException.class, () -> spi.create(6, 0, 2_400_000, 0));

        assertTrue(e.getMessage().startsWith("SPI device /dev/spidev6.0 failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("enable SPI (raspi-config nonint do_spi 0"), e.getMessage());
        assertTrue(e.getMessage().endsWith("and let this user open /dev/spidev6.0 (group spi)"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedBeforeTouchingTheKernel() {
        assertEquals("SPI mode 4 is not 0..3", refused(() -> spi.open(0, 0, 2_400_000, 4)));
        assertEquals("SPI mode -1 is not 0..3", refused(() -> spi.open(0, 0, 2_400_000, -1)));
        assertEquals("SPI speed 0 Hz is not positive", refused(() -> spi.open(0, 0, 0, 0)));
        assertEquals("SPI bus -1 is negative", refused(() -> spi.open(-1, 0, 2_400_000, 0)));
        assertEquals("SPI chip select -1 is negative", refused(() -> spi.open(0, -1, 2_400_000, 0)));
    }

    @Test
    void aStoppedProviderRefusesToOpen() {
        spi.deactivate();

        IOException e = assertThrows(IOException.class, () -> spi.create(0, 0, 2_400_000, 0));
        assertEquals("the Linux SPI provider has stopped", e.getMessage());
    }

    @Test
    void aWriteLongerThanSpidevsBufferIsRefusedRatherThanSplit() {
        LinuxSpiDevice device = new LinuxSpiDevice(null, null, 0, 0, 2_400_000, 4096);

        IOException e = assertThrows(IOException.class, () -> device.write(new byte[5000], 0, 4097));

        assertEquals(
                "SPI device /dev/spidev0.0: a transfer of 4097 bytes is more than spidev's buffer of 4096 bytes;"
                        + " raise it with spidev.bufsiz=<bytes> in cmdline.txt and reboot",
                e.getMessage());
        assertEquals(
                "offset 4000 and length 1001 do not lie within 5000 bytes",
                refused(() -> device.write(new byte[5000], 4000, 1001)));
    }

    @Test
    void spidevsBufferSizeIsReadFromItsModuleParameter(@TempDir Path dir) throws IOException {
        Path bufsiz = Files.writeString(dir.resolve("bufsiz"), "65536\n");

        assertEquals(65536, LinuxSpiDevice.bufsiz(bufsiz));
        assertEquals(4096, LinuxSpiDevice.bufsiz(dir.resolve("absent")));
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String refused(Action action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }
}
