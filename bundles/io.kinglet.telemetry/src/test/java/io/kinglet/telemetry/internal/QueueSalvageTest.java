package io.kinglet.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A damaged queue file is kept aside, what is readable salvaged into a fresh queue, and the queue goes on. */
class QueueSalvageTest {

    private static final int PAGE = 4096;
    /** The first byte of a b-tree page that holds table rows. */
    private static final int TABLE_LEAF = 0x0D;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("queue.db");
    }

    /** A row from a damaged page whose topic no MQTT client sends would stop every message after it. */
    @Test
    void aRowWhoseTopicCannotBeSentIsLostNotSalvaged() {
        assertTrue(SalvageCopy.sendable("kinglet/device/sensors/t"));
        assertTrue(SalvageCopy.sendable("kinglet/dévice/température"));
        for (String garbage : List.of("", "a\u0000b", "x\u0007y", "a/#", "a/+/b", "bad\uFFFDutf8", "half\uD800")) {
            assertFalse(SalvageCopy.sendable(garbage), garbage);
        }
    }

    @Test
    void corruptionMetWhileRunningIsKeptAsideAndTheStoreGoesOnWithoutAReopen() throws Exception {
        try (MessageStore store = new MessageStore(file())) {
            long[] ids = store.commit(messages(200), List.of());
            pointTheMessageTableAtABogusPage();

            long[] after = store.commit(messages(1), List.of());

            QueueSalvage.Report salvage = store.salvaged();
            assertNotNull(salvage, "salvaged");
            assertTrue(salvage.cause().contains("SQLITE_CORRUPT"), salvage.cause());
            assertEquals(0, salvage.recovered());
            assertEquals(200, salvage.lost(), "counted through the intact index");
            assertEquals(List.of(salvage.keptAs()), store.keptAside());
            assertTrue(salvage.keptAs().getFileName().toString().startsWith("queue.db.damaged-"));
            assertTrue(after[0] > ids[199], "new ids go on above the old ones: " + after[0]);
            assertEquals(
                    List.of(after[0]),
                    store.after(0, 10).stream().map(QueuedMessage::id).toList());
            assertEquals(1, store.size().messages());
        }
    }

    @Test
    void aTruncatedQueueIsKeptAsideAtOpenAndTheMessagesOnItsIntactPagesSalvaged() throws Exception {
        write(2_000);
        long length = Files.size(file());
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.setLength(length / 2);
        }

        try (MessageStore store = new MessageStore(file())) {
            QueueSalvage.Report salvage = store.salvaged();
            assertNotNull(salvage, "salvaged");
            assertTrue(salvage.recovered() > 500 && salvage.recovered() < 2_000, "recovered " + salvage.recovered());
            assertEquals(-1, salvage.lost());
            assertEquals("an unknown number", salvage.lostText());
            assertEquals(length / 2, Files.size(salvage.keptAs()), "kept aside as it was");
            List<QueuedMessage> kept = store.after(0, 5_000);
            assertEquals(salvage.recovered(), kept.size());
            assertEquals(
                    LongStream.rangeClosed(1, kept.size()).boxed().toList(),
                    kept.stream().map(QueuedMessage::id).toList(),
                    "the oldest messages, ids kept");
            assertArrayEquals(payload(1), kept.get(0).payload());
            assertTrue(store.commit(messages(1), List.of())[0] > 2_000, "ids go on above the damaged queue's");
        }
    }

    @Test
    void damagedPagesInTheMiddleLoseOnlyTheMessagesOnThem() throws Exception {
        write(2_000);
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            byte[] garbage = new byte[PAGE];
            Arrays.fill(garbage, (byte) 0x5a);
            int overwritten = 0;
            for (long page = raf.length() / PAGE / 2; overwritten < 2; page++) {
                raf.seek(page * PAGE);
                if (raf.read() == TABLE_LEAF) {
                    raf.seek(page * PAGE);
                    raf.write(garbage);
                    overwritten++;
                }
            }
        }

        try (MessageStore store = new MessageStore(file())) {
            QueueSalvage.Report salvage = store.salvaged();
            assertNotNull(salvage, "salvaged");
            assertTrue(salvage.recovered() > 1_900, "recovered " + salvage.recovered());
            assertEquals(2_000 - salvage.recovered(), salvage.lost());
            List<Long> ids =
                    store.after(0, 5_000).stream().map(QueuedMessage::id).toList();
            assertEquals(1, ids.getFirst());
            assertEquals(2_000, ids.getLast());
        }
    }

    @Test
    void aQueueWhoseHeaderIsGarbageIsReplacedByAFreshEmptyQueue() throws Exception {
        write(10);
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.write("this is no database at all".repeat(4).getBytes(StandardCharsets.US_ASCII));
        }

        try (MessageStore store = new MessageStore(file())) {
            QueueSalvage.Report salvage = store.salvaged();
            assertNotNull(salvage, "salvaged");
            assertTrue(salvage.cause().contains("SQLITE_NOTADB"), salvage.cause());
            assertEquals(0, salvage.recovered());
            assertEquals("an unknown number", salvage.lostText());
            assertEquals(List.of(salvage.keptAs()), store.keptAside());
            assertEquals(0, store.size().messages());
            assertEquals(1, store.commit(messages(1), List.of()).length);
        }
    }

    @Test
    void anIntactQueueOpensAsItIs() throws Exception {
        write(10);

        try (MessageStore store = new MessageStore(file())) {
            assertNull(store.salvaged());
            assertEquals(List.of(), store.keptAside());
            assertEquals(10, store.size().messages());
        }
    }

    /** A crash after the damaged file was kept aside, before the fresh one took its place. */
    @Test
    void aSalvageInterruptedJustBeforeItsLastRenameIsFinishedAtOpen() throws Exception {
        write(10);
        Files.move(file(), dir.resolve("queue.db.salvage"));

        try (MessageStore store = new MessageStore(file())) {
            assertEquals(10, store.size().messages());
        }
    }

    private void write(int count) throws SQLException {
        try (MessageStore store = new MessageStore(file())) {
            for (int i = 0; i < count; i += 500) {
                store.commit(messages(i + 1, Math.min(500, count - i)), List.of());
            }
        }
    }

    private static List<QueuedMessage> messages(int count) {
        return messages(1, count);
    }

    private static List<QueuedMessage> messages(int first, int count) {
        List<QueuedMessage> list = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            list.add(QueuedMessage.unsaved("kinglet/d/t", payload(i), 1, 1, 1_000L * i));
        }
        return list;
    }

    private static byte[] payload(int n) {
        return ("message " + n + " ").repeat(20).getBytes(StandardCharsets.UTF_8);
    }

    /** Damage as a second writer of the file would make it: the table's root page moved past the end. */
    private void pointTheMessageTableAtABogusPage() throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file());
        try (Connection connection = source.getConnection();
                Statement statement = connection.createStatement()) {
            long pages = single(statement, "PRAGMA page_count");
            long version = single(statement, "PRAGMA schema_version");
            statement.execute("PRAGMA writable_schema = ON");
            statement.executeUpdate("UPDATE sqlite_master SET rootpage = " + (pages + 100) + " WHERE name = 'message'");
            statement.execute("PRAGMA schema_version = " + (version + 1));
        }
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
