package io.kinglet.watchdog.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemdNotifierTest {

    private static short family(byte[] address) {
        return ByteBuffer.wrap(address).order(ByteOrder.nativeOrder()).getShort();
    }

    @Test
    void aPathIsNulTerminated() {
        byte[] address = SystemdNotifier.address("/run/systemd/notify");
        assertEquals(LibC.AF_UNIX, family(address));
        assertEquals(2 + "/run/systemd/notify".length() + 1, address.length);
        assertArrayEquals(
                "/run/systemd/notify\0".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(address, 2, address.length));
    }

    @Test
    void anAbstractNameStartsWithNulAndHasNoTerminator() {
        byte[] address = SystemdNotifier.address("@kinglet/notify");
        assertEquals(2 + 1 + "kinglet/notify".length(), address.length);
        assertArrayEquals(
                "\0kinglet/notify".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(address, 2, address.length));
    }

    @Test
    void namesThatCannotBeSocketsAreRefusedWithTheReason() {
        IllegalArgumentException relative =
                assertThrows(IllegalArgumentException.class, () -> SystemdNotifier.address("run/notify"));
        assertTrue(relative.getMessage().contains("absolute path"), relative.getMessage());
        IllegalArgumentException tooLong =
                assertThrows(IllegalArgumentException.class, () -> SystemdNotifier.address("/" + "x".repeat(120)));
        assertTrue(tooLong.getMessage().contains("longer"), tooLong.getMessage());
    }

    @Test
    void withoutNotifySocketThereIsNoNotifier() throws Exception {
        assertEquals(Optional.empty(), SystemdNotifier.fromEnvironment(Map.of()));
    }

    @Test
    void theWatchdogPeriodIsOnlyOursWhenThePidMatches() {
        assertEquals(
                Optional.of(Duration.ofSeconds(3)),
                SystemdNotifier.watchdogPeriod(Map.of("WATCHDOG_USEC", "3000000"), 42));
        assertEquals(
                Optional.of(Duration.ofSeconds(3)),
                SystemdNotifier.watchdogPeriod(Map.of("WATCHDOG_USEC", "3000000", "WATCHDOG_PID", "42"), 42));
        assertEquals(
                Optional.empty(),
                SystemdNotifier.watchdogPeriod(Map.of("WATCHDOG_USEC", "3000000", "WATCHDOG_PID", "7"), 42));
        assertEquals(Optional.empty(), SystemdNotifier.watchdogPeriod(Map.of("WATCHDOG_USEC", "soon"), 42));
    }
}
