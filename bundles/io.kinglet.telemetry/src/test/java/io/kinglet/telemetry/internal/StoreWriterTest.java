package io.kinglet.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinglet.telemetry.api.TelemetryRejectedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWriterTest {

    @TempDir
    Path dir;

    private MessageStore store;
    private StoreWriter writer;
    private Thread thread;

    private void start(long quota, boolean dropOnFull) throws Exception {
        store = new MessageStore(dir.resolve("q.db"));
        writer = new StoreWriter(store, quota, dropOnFull, new DiskSpace(dir, () -> Long.MAX_VALUE), () -> {});
        thread = new Thread(writer);
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        writer.stop();
        thread.join(5_000);
        store.close();
    }

    @Test
    void everyPublishedMessageCompletesWithItsIdOnceStored() throws Exception {
        start(1_000_000, true);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            futures.add(writer.submit(MessageStoreTest.message("m" + i, 1, i)));
        }

        for (int i = 0; i < futures.size(); i++) {
            assertEquals(i + 1, futures.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(5_000, store.size().messages());
    }

    /** The forwarder's window place is freed only once the deletion is on disk, never before. */
    @Test
    void acknowledgementsDeleteInTheNextCommitAndOnlyThenReportDeleted() throws Exception {
        start(1_000_000, true);
        long id = writer.submit(MessageStoreTest.message("m", 1, 1)).get(10, TimeUnit.SECONDS);
        CompletableFuture<Long> deletedWhen = new CompletableFuture<>();

        writer.acknowledge(id, () -> {
            try {
                deletedWhen.complete(store.size().messages());
            } catch (java.sql.SQLException e) {
                deletedWhen.completeExceptionally(e);
            }
        });
        writer.submit(MessageStoreTest.message("n", 1, 2)).get(10, TimeUnit.SECONDS);

        assertEquals(1, store.size().messages());
        assertEquals(false, writer.isAcknowledged(id));
        assertEquals(1, deletedWhen.get(10, TimeUnit.SECONDS), "messages on disk when the deletion was reported");
    }

    @Test
    void aFullQueueUnderTheDropPolicyMakesRoomByDroppingLowerPriorities() throws Exception {
        start(20, true);
        writer.submit(payload(10, 0)).get(10, TimeUnit.SECONDS);
        writer.submit(payload(10, 1)).get(10, TimeUnit.SECONDS);

        writer.submit(payload(10, 2)).get(10, TimeUnit.SECONDS);

        assertEquals(1, writer.dropped());
        assertEquals(
                List.of(1, 2),
                store.after(0, 10).stream().map(QueuedMessage::priority).toList());
    }

    @Test
    void aFullQueueUnderTheRefusePolicyRejectsNewMessagesAndCountsThem() throws Exception {
        start(20, false);
        writer.submit(payload(15, 0)).get(10, TimeUnit.SECONDS);

        ExecutionException e = assertThrows(
                ExecutionException.class, () -> writer.submit(payload(10, 3)).get(10, TimeUnit.SECONDS));

        assertInstanceOf(TelemetryRejectedException.class, e.getCause());
        assertEquals(
                "telemetry queue full (quota 20 bytes); the policy refuses new messages",
                e.getCause().getMessage());
        assertEquals(1, writer.refused(Refusal.QUEUE_FULL));
        assertEquals(1, store.size().messages());
    }

    private static QueuedMessage payload(int bytes, int priority) {
        return QueuedMessage.unsaved(
                "kinglet/d/t",
                "x".repeat(bytes).getBytes(StandardCharsets.UTF_8),
                1,
                priority,
                System.currentTimeMillis());
    }
}
