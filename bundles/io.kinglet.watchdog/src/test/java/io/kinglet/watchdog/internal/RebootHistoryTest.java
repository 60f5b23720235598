package io.kinglet.watchdog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.boot.CheckedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebootHistoryTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartIsNoReboot() throws Exception {
        RebootHistory.LastReboot last = new RebootHistory(dir, "1").open();
        assertEquals(RebootHistory.Kind.FIRST_START, last.kind());
        assertFalse(last.kind().unexpected());
    }

    @Test
    void aCauseWrittenBeforeThePetsStopIsTheNextProcesssLastReboot() throws Exception {
        RebootHistory first = new RebootHistory(dir, "1");
        first.open();
        first.petsStopped("Telemetry queue: store failing");
        RebootHistory.LastReboot last = new RebootHistory(dir, "2").open();
        assertEquals(RebootHistory.Kind.WATCHDOG, last.kind());
        assertEquals("watchdog, because Telemetry queue: store failing", last.describe());
        assertFalse(last.acknowledged());
    }

    @Test
    void resumedPetsAndNoCleanStopIsACrash() throws Exception {
        RebootHistory first = new RebootHistory(dir, "1");
        first.open();
        first.petsStopped("x: y");
        first.petsResumed();
        RebootHistory.LastReboot last = new RebootHistory(dir, "2").open();
        assertEquals(RebootHistory.Kind.CRASH, last.kind());
        assertTrue(last.describe().startsWith("crash, because no clean stop and no watchdog cause"), last.describe());
    }

    @Test
    void aCleanStopIsToldApart() throws Exception {
        RebootHistory first = new RebootHistory(dir, "1");
        first.open();
        first.petsStopped("x: y");
        first.cleanStop();
        assertEquals(
                RebootHistory.Kind.CLEAN_STOP,
                new RebootHistory(dir, "2").open().kind());
    }

    @Test
    void aRestartOfTheBundleInTheSameProcessKeepsTheReportAndItsAcknowledgement() throws Exception {
        RebootHistory first = new RebootHistory(dir, "1");
        first.open();
        first.petsStopped("x: y");
        RebootHistory second = new RebootHistory(dir, "2");
        second.acknowledge(second.open());
        RebootHistory.LastReboot again = new RebootHistory(dir, "2").open();
        assertEquals(RebootHistory.Kind.WATCHDOG, again.kind());
        assertTrue(again.acknowledged());
        assertEquals(
                RebootHistory.Kind.CRASH, new RebootHistory(dir, "3").open().kind());
    }

    @Test
    void aDamagedRunRecordIsKeptAsideAndReportedAsUnknown() throws Exception {
        RebootHistory first = new RebootHistory(dir, "1");
        first.open();
        first.petsStopped("x: y");
        Path run = dir.resolve("run");
        byte[] bytes = Files.readAllBytes(run);
        bytes[bytes.length - 3] ^= 1;
        Files.write(run, bytes);
        RebootHistory.LastReboot last = new RebootHistory(dir, "2").open();
        assertEquals(RebootHistory.Kind.UNKNOWN, last.kind());
        assertTrue(last.cause().contains("damaged"), last.cause());
        assertEquals(1, CheckedFiles.quarantined(dir).size());
    }
}
