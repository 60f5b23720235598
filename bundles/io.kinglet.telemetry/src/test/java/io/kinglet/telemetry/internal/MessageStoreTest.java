package io.kinglet.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageStoreTest {

    @TempDir
    Path dir;

    @Test
    void committedMessagesSurviveReopeningInIdOrder() throws Exception {
        Path file = dir.resolve("q.db");
        try (MessageStore store = new MessageStore(file)) {
            long[] ids = store.commit(List.of(message("a", 1, 1), message("b", 1, 1)), List.of());
            assertArrayEquals(new long[] {1, 2}, ids);
        }
        try (MessageStore store = new MessageStore(file)) {
            List<QueuedMessage> all = store.after(0, 10);
            assertEquals(
                    List.of("a", "b"),
                    all.stream()
                            .map(m -> new String(m.payload(), StandardCharsets.UTF_8))
                            .toList());
            assertEquals(2, store.size().messages());
            assertEquals(2, store.size().bytes());
        }
    }

    @Test
    void acknowledgedMessagesAreDeletedAndNoLongerCounted() throws Exception {
        try (MessageStore store = new MessageStore(dir.resolve("q.db"))) {
            long[] ids = store.commit(List.of(message("aaa", 1, 1), message("bb", 1, 1)), List.of());

            store.commit(List.of(), List.of(ids[0]));

            assertEquals(
                    List.of(ids[1]),
                    store.after(0, 10).stream().map(QueuedMessage::id).toList());
            assertEquals(new MessageStore.Size(1, 2, 1000), store.size());
        }
    }

    @Test
    void makingRoomDropsTheLowestPriorityOldestFirstAndNeverAHigherOne() throws Exception {
        try (MessageStore store = new MessageStore(dir.resolve("q.db"))) {
            store.commit(
                    List.of(
                            message("high-1", 2, 1),
                            message("low-1", 0, 2),
                            message("norm", 1, 3),
                            message("low-2", 0, 4)),
                    List.of());

            int dropped = store.dropForSpace(10, 20, 2);

            assertEquals(2, dropped);
            assertEquals(
                    List.of("high-1", "norm"),
                    store.after(0, 10).stream()
                            .map(m -> new String(m.payload(), StandardCharsets.UTF_8))
                            .toList());
        }
    }

    @Test
    void makingRoomStopsWhenOnlyProtectedPrioritiesAreLeft() throws Exception {
        try (MessageStore store = new MessageStore(dir.resolve("q.db"))) {
            store.commit(List.of(message("critical", 3, 1)), List.of());

            assertEquals(0, store.dropForSpace(100, 10, 3));
            assertEquals(1, store.size().messages());
        }
    }

    @Test
    void spareSpaceIsTheFreePagesLessWhatTheWalStillOwesTheFile() throws Exception {
        try (MessageStore store = new MessageStore(dir.resolve("q.db"))) {
            long[] ids = store.commit(kilobytes(100), List.of());
            assertTrue(store.spareBytes() < -50 * 1_000, "spare " + store.spareBytes());

            store.checkpoint(true);
            assertEquals(0, store.spareBytes());

            store.commit(List.of(), Arrays.stream(ids).boxed().toList());
            store.checkpoint(true);
            long spare = store.spareBytes();
            assertTrue(spare >= 50 * 1_000, "spare " + spare);
            assertEquals(0, spare % 4096, "whole pages");
        }
    }

    /** The queue keeps a WAL of the reserve's size: disk of its own for deletions, and no more. */
    @Test
    void afterACheckpointTheWalIsCutBackToTheReserveAndReused() throws Exception {
        Path wal = dir.resolve("q.db-wal");
        try (MessageStore store = new MessageStore(dir.resolve("q.db"))) {
            store.commit(kilobytes(600), List.of());
            assertTrue(Files.size(wal) > DiskSpace.RESERVE_BYTES, "WAL " + Files.size(wal));

            store.checkpoint(true);
            store.commit(kilobytes(1), List.of());

            assertEquals(DiskSpace.RESERVE_BYTES, Files.size(wal));
        }
    }

    private static List<QueuedMessage> kilobytes(int count) {
        List<QueuedMessage> many = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            many.add(message("x".repeat(1_000), 1, i));
        }
        return many;
    }

    static QueuedMessage message(String payload, int priority, long created) {
        return QueuedMessage.unsaved(
                "kinglet/d/t", payload.getBytes(StandardCharsets.UTF_8), 1, priority, created * 1000);
    }
}
