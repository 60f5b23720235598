package io.kinglet.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.telemetry.api.TelemetryRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** A full disk refuses new telemetry with its reason, keeps deleting what was sent, and recovers by itself. */
class DiskFullTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private MessageStore store;
    private StoreWriter writer;
    private Thread thread;

    private void start(SQLiteConfig config, DiskSpace.Probe usable) throws Exception {
        store = new MessageStore(dir.resolve("queue.db"), config);
        writer = new StoreWriter(store, 1L << 40, false, new DiskSpace(dir, usable), () -> {});
        thread = new Thread(writer);
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (writer == null) {
            return;
        }
        writer.stop();
        thread.join(5_000);
        store.close();
    }

    /** SQLITE_FULL (a page limit the probe cannot see) used to poison the queue until a restart. */
    @Test
    void afterSqliteFullTheQueueStillReadsAndDeletesAndTakesNewMessagesOnceDeletionsFreePages() throws Exception {
        SQLiteConfig config = QueueConnection.config();
        config.setMaxPageCount(64); // 256 KiB of 4 KiB pages
        start(config, () -> 10 * GIB);
        List<Long> stored = new ArrayList<>();
        ExecutionException refusal = null;
        while (refusal == null && stored.size() < 1_000) {
            try {
                stored.add(writer.submit(message(1_000)).get(10, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                refusal = e;
            }
        }

        assertNotNull(refusal, "the page limit was never reached");
        assertInstanceOf(TelemetryRejectedException.class, refusal.getCause());
        assertEquals("disk full: 10.0 GiB free in " + dir, refusal.getCause().getMessage());
        assertEquals("disk full: 10.0 GiB free in " + dir, writer.diskFull());
        assertEquals(1, writer.refused(Refusal.DISK_FULL));
        assertNull(writer.failure(), "a full disk is not a failing store");
        assertEquals(
                stored, store.after(0, 10_000).stream().map(QueuedMessage::id).toList(), "reads work");

        List<Long> sent = stored.subList(0, stored.size() / 2);
        CountDownLatch deleted = new CountDownLatch(sent.size());
        sent.forEach(id -> writer.acknowledge(id, deleted::countDown));
        assertTrue(deleted.await(10, TimeUnit.SECONDS), "acknowledged messages are deleted");
        assertEquals(stored.size() - sent.size(), store.size().messages());

        long next = writer.submit(message(1_000)).get(10, TimeUnit.SECONDS);
        assertTrue(next > stored.getLast(), "stored with a new id: " + next);
        assertNull(writer.diskFull());
        assertEquals(stored.size() - sent.size() + 1, store.size().messages());
    }

    @Test
    void newMessagesAreRefusedBeforeTheDiskFillsWhileDeletionsGoOnAndAcceptedWhenSpaceIsBack() throws Exception {
        AtomicLong usable = new AtomicLong(GIB);
        start(QueueConnection.config(), usable::get);
        long first = writer.submit(message(100)).get(10, TimeUnit.SECONDS);
        usable.set(412 * 1024);

        CountDownLatch deleted = new CountDownLatch(1);
        writer.acknowledge(first, deleted::countDown);
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> writer.submit(message(200 * 1024)).get(10, TimeUnit.SECONDS));

        assertEquals("disk full: 412 KiB free in " + dir, e.getCause().getMessage());
        assertTrue(deleted.await(10, TimeUnit.SECONDS), "the acknowledged message is deleted all the same");
        assertEquals(0, store.size().messages());
        assertEquals("disk full: 412 KiB free in " + dir, writer.diskFull());

        usable.set(GIB);
        writer.submit(message(200 * 1024)).get(10, TimeUnit.SECONDS);
        assertNull(writer.diskFull());
        assertEquals(1, store.size().messages());
    }

    @Test
    void roomIsTheUsableSpaceLessTheReservePlusWhatTheQueueFileCanStillTakeIn() throws Exception {
        DiskSpace disk = new DiskSpace(dir, () -> DiskSpace.RESERVE_BYTES + 1_000);

        assertEquals(1_000 + 8_192, disk.room(() -> 8_192), "free pages inside the file");
        assertEquals(1_000 - 4_096, disk.room(() -> -4_096), "pages the WAL still owes the file");
        assertTrue(disk.tight());
        assertEquals(10 * GIB - DiskSpace.RESERVE_BYTES, new DiskSpace(dir, () -> 10 * GIB).room(() -> 0));
    }

    /**
     * A file behind its WAL needs disk to checkpoint, and a WAL that cannot be checkpointed grows
     * with every deletion: when something else took the last byte, nothing could be deleted.
     */
    @Test
    void afterEveryCommitTheFileIsUpWithItsWalAndTheWalStaysWithinTheReserve() throws Exception {
        start(QueueConnection.config(), () -> 10 * GIB);
        Path wal = dir.resolve("queue.db-wal");

        for (int i = 0; i < 40; i++) {
            writer.submit(message(1_000)).get(10, TimeUnit.SECONDS);
            assertTrue(store.spareBytes() >= 0, "the file lags its WAL after commit " + i);
            assertTrue(Files.size(wal) <= DiskSpace.RESERVE_BYTES, "WAL after commit " + i + ": " + Files.size(wal));
        }
        assertEquals(40, store.size().messages());
    }

    @Test
    void messagesAreAdmittedInOrderWhileTheyFitAndAFullDiskWantsTheReserveAgainBeforeTakingMore() throws Exception {
        QueuedMessage m = message(1_000);
        long each = DiskSpace.footprint(m);
        AtomicLong usable = new AtomicLong(DiskSpace.RESERVE_BYTES + 3 * each);
        DiskSpace disk = new DiskSpace(dir, usable::get);

        assertEquals(3, disk.admit(List.of(m, m, m, m), () -> 0));
        assertEquals("disk full: " + io.kinglet.boot.FreeSpace.bytes(usable.get()) + " free in " + dir, disk.full());
        assertEquals(0, disk.admit(List.of(m), () -> 0), "one fits, but not with the reserve again");
        assertEquals(1, disk.admit(List.of(m), () -> DiskSpace.RESERVE_BYTES));
        disk.written();
        assertNull(disk.full());
        assertEquals(3, disk.admit(List.of(m, m, m), () -> 0));
    }

    private static QueuedMessage message(int bytes) {
        return QueuedMessage.unsaved("kinglet/d/t", new byte[bytes], 1, 1, System.currentTimeMillis());
    }
}
