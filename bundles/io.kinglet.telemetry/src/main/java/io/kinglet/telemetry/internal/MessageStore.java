package io.kinglet.telemetry.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The on-disk queue: one SQLite database in WAL mode with full synchronous commits, so a message
 * whose batch committed survives a crash and a power cut. Inserts and deletes are batched into one
 * transaction each, which is what makes the throughput. One connection, used under this object's
 * lock; every call is short.
 *
 * <p>The data source is used directly, never {@code DriverManager}: nothing is registered
 * globally, so an update of this bundle leaves no reference to its class loader behind.
 */
final class MessageStore implements AutoCloseable {

    /** What the queue holds right now. */
    record Size(long messages, long bytes, long oldestCreatedMillis) {}

    private final Connection connection;
    private long bytes;
    private long messages;

    MessageStore(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        connection = source.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS message (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      topic TEXT NOT NULL,
                      payload BLOB NOT NULL,
                      qos INTEGER NOT NULL,
                      priority INTEGER NOT NULL,
                      created INTEGER NOT NULL)""");
            statement.executeUpdate("CREATE INDEX IF NOT EXISTS message_drop_order ON message (priority, id)");
        }
        connection.setAutoCommit(false);
        Size size = recount();
        messages = size.messages();
        bytes = size.bytes();
    }

    /** Stores the messages and removes the acknowledged ids in one transaction; returns the new ids. */
    synchronized long[] commit(List<QueuedMessage> added, Collection<Long> acknowledged) throws SQLException {
        long[] ids = new long[added.size()];
        try {
            if (!acknowledged.isEmpty()) {
                delete(acknowledged);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO message (topic, payload, qos, priority, created) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < ids.length; i++) {
                    QueuedMessage m = added.get(i);
                    insert.setString(1, m.topic());
                    insert.setBytes(2, m.payload());
                    insert.setInt(3, m.qos());
                    insert.setInt(4, m.priority());
                    insert.setLong(5, m.createdMillis());
                    insert.executeUpdate();
                    try (ResultSet key = insert.getGeneratedKeys()) {
                        key.next();
                        ids[i] = key.getLong(1);
                    }
                    messages++;
                    bytes += m.payload().length;
                }
            }
            connection.commit();
            return ids;
        } catch (SQLException e) {
            connection.rollback();
            Size size = recount();
            messages = size.messages();
            bytes = size.bytes();
            throw e;
        }
    }

    private void delete(Collection<Long> ids) throws SQLException {
        try (PreparedStatement sizeOf =
                        connection.prepareStatement("SELECT length(payload) FROM message WHERE id = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM message WHERE id = ?")) {
            for (long id : ids) {
                sizeOf.setLong(1, id);
                try (ResultSet rs = sizeOf.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    bytes -= rs.getLong(1);
                }
                delete.setLong(1, id);
                delete.executeUpdate();
                messages--;
            }
        }
    }

    /** Up to {@code limit} messages with ids above {@code afterId}, oldest first. */
    synchronized List<QueuedMessage> after(long afterId, int limit) throws SQLException {
        List<QueuedMessage> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, topic, payload, qos, priority, created FROM message WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new QueuedMessage(
                            rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getInt(4), rs.getInt(5), rs.getLong(6)));
                }
            }
        }
        connection.commit();
        return found;
    }

    /**
     * Deletes the lowest-priority, oldest messages, never one of priority {@code above} or higher,
     * until {@code needed} more bytes fit under {@code quota}; returns how many were dropped.
     */
    synchronized int dropForSpace(long needed, long quota, int below) throws SQLException {
        int dropped = 0;
        try (PreparedStatement victims = connection.prepareStatement(
                "SELECT id FROM message WHERE priority < ? ORDER BY priority, id LIMIT 256")) {
            while (bytes + needed > quota) {
                victims.setInt(1, below);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = victims.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                for (long id : ids) {
                    if (bytes + needed <= quota) {
                        break;
                    }
                    delete(List.of(id));
                    dropped++;
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return dropped;
    }

    /** Payload bytes queued, from the running count: no query, cheap enough for every batch. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized Size size() throws SQLException {
        long oldest = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT MIN(created) FROM message")) {
            if (rs.next()) {
                oldest = rs.getLong(1);
            }
        }
        connection.commit();
        return new Size(messages, bytes, oldest);
    }

    private Size recount() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT COUNT(*), COALESCE(SUM(length(payload)), 0), COALESCE(MIN(created), 0) FROM message")) {
            rs.next();
            Size size = new Size(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            connection.commit();
            return size;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
