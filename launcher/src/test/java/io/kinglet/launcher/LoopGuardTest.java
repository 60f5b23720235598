package io.kinglet.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.boot.BootCount;
import io.kinglet.boot.CheckedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopGuardTest {

    @TempDir
    Path state;

    private static LoopGuard.Settings settings(String... pairs) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        LoopGuard.Settings.defaults(p);
        return LoopGuard.Settings.from(p);
    }

    @Test
    void theDefaultsAreThreeBootsFiveMinutesToReadyAndHalfAnHourToLeave() {
        LoopGuard.Settings s = settings();
        assertEquals(3, s.after());
        assertEquals(Duration.ofMinutes(5), s.readyWithin());
        assertEquals(Duration.ofMinutes(30), s.leaveAfter());
        assertEquals(List.of(), s.optional());
        assertEquals(
                List.of("a.b", "c"), settings(LoopGuard.OPTIONAL, " a.b, c ,").optional());
    }

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        IllegalArgumentException count =
                assertThrows(IllegalArgumentException.class, () -> settings(LoopGuard.AFTER, "0"));
        assertEquals("kinglet.safeMode.after must be a whole number above 0, not '0'", count.getMessage());
        IllegalArgumentException spine = assertThrows(
                IllegalArgumentException.class,
                () -> settings(LoopGuard.OPTIONAL, "io.kinglet.telemetry, io.kinglet.ota"));
        assertTrue(spine.getMessage().startsWith("kinglet.safeMode.optional names io.kinglet.ota"), spine.getMessage());
    }

    @Test
    void everyBootIsCountedAndTheOneAfterKWithoutReadyIsInSafeMode() throws Exception {
        LoopGuard.Settings s = settings(LoopGuard.AFTER, "2");
        assertFalse(LoopGuard.count(state, s).safeMode());
        assertFalse(LoopGuard.count(state, s).safeMode());
        LoopGuard.Boot third = LoopGuard.count(state, s);
        assertTrue(third.safeMode());
        assertEquals(2, third.withoutReady());
        BootCount.write(state, 0); // what the watchdog does when a boot gets ready in time
        assertFalse(LoopGuard.count(state, s).safeMode());
    }

    @Test
    void aDamagedCounterIsKeptAsideAndCountingStartsAgain() throws Exception {
        Files.createDirectories(BootCount.file(state).getParent());
        Files.writeString(BootCount.file(state), "7");
        LoopGuard.Boot boot = LoopGuard.count(state, settings());
        assertFalse(boot.safeMode());
        assertEquals(1, boot.damage().size());
        assertTrue(
                boot.damage().get(0).contains("counting boots without ready from 0"),
                boot.damage().get(0));
        assertEquals(
                1, CheckedFiles.quarantined(BootCount.file(state).getParent()).size());
        assertEquals(1, BootCount.read(state));
    }
}
