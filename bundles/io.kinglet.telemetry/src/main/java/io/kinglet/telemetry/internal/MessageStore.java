package io.kinglet.telemetry.internal;

import io.kinglet.boot.CheckedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The on-disk queue: one SQLite database in WAL mode with full synchronous commits, so a message
 * whose batch committed survives a crash and a power cut. Inserts and deletes are batched into one
 * transaction each, which is what makes the throughput. One connection, used under this object's
 * lock; every call is short.
 *
 * <p>Every failed call leaves a working connection ({@link QueueConnection#reset}), so one full
 * disk does not poison the queue for good. A damaged file, found at open or met while running, is
 * kept aside and what can still be read is salvaged into a fresh queue ({@link QueueSalvage}); the
 * call then goes on with it.
 */
final class MessageStore implements AutoCloseable {

    /** What the queue holds right now. */
    record Size(long messages, long bytes, long oldestCreatedMillis) {}

    /** One statement or transaction on the connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private final Path file;
    private final QueueConnection db;
    private long bytes;
    private long messages;
    /** The highest id this queue has handed out: a salvaged queue goes on above it. */
    private long highestId;

    private volatile QueueSalvage.Report salvaged;

    MessageStore(Path file) throws SQLException {
        this(file, QueueConnection.config());
    }

    /** With a configuration of {@link QueueConnection#config()} changed, e.g. a page limit in tests. */
    MessageStore(Path file, SQLiteConfig config) throws SQLException {
        this.file = file.toAbsolutePath();
        db = new QueueConnection(this.file, config);
        try {
            Files.createDirectories(this.file.getParent());
            QueueSalvage.finishInterrupted(this.file);
        } catch (IOException e) {
            throw new SQLException("cannot prepare " + this.file + ": " + e.getMessage(), e);
        }
        String damage = db.open(true);
        try {
            if (damage != null) {
                salvage(damage);
            } else {
                guarded(() -> {
                    recount();
                    return null;
                });
            }
        } catch (SQLException e) {
            db.closeQuietly();
            throw e;
        }
    }

    /** Stores the messages and removes the acknowledged ids in one transaction; returns the new ids. */
    synchronized long[] commit(List<QueuedMessage> added, Collection<Long> acknowledged) throws SQLException {
        return guarded(() -> {
            long[] ids = new long[added.size()];
            if (!acknowledged.isEmpty()) {
                delete(acknowledged);
            }
            try (PreparedStatement insert = db.get()
                    .prepareStatement(
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
            db.get().commit();
            for (long id : ids) {
                highestId = Math.max(highestId, id);
            }
            return ids;
        });
    }

    private void delete(Collection<Long> ids) throws SQLException {
        try (PreparedStatement sizeOf = db.get().prepareStatement("SELECT length(payload) FROM message WHERE id = ?");
                PreparedStatement delete = db.get().prepareStatement("DELETE FROM message WHERE id = ?")) {
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
        return guarded(() -> {
            List<QueuedMessage> found = new ArrayList<>();
            try (PreparedStatement select = db.get()
                    .prepareStatement(
                            "SELECT id, topic, payload, qos, priority, created FROM message WHERE id > ? ORDER BY id LIMIT ?")) {
                select.setLong(1, afterId);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new QueuedMessage(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getBytes(3),
                                rs.getInt(4),
                                rs.getInt(5),
                                rs.getLong(6)));
                    }
                }
            }
            db.get().commit();
            return found;
        });
    }

    /**
     * Deletes the lowest-priority, oldest messages, never one of priority {@code above} or higher,
     * until {@code needed} more bytes fit under {@code quota}; returns how many were dropped.
     */
    synchronized int dropForSpace(long needed, long quota, int below) throws SQLException {
        return guarded(() -> {
            int dropped = 0;
            try (PreparedStatement victims = db.get()
                    .prepareStatement("SELECT id FROM message WHERE priority < ? ORDER BY priority, id LIMIT 256")) {
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
            }
            db.get().commit();
            return dropped;
        });
    }

    /** Payload bytes queued, from the running count: no query, cheap enough for every batch. */
    synchronized long bytes() {
        return bytes;
    }

    /**
     * Bytes SQLite can still store inside the queue file without taking more of the disk: its free
     * pages, less what the file must grow by to take in the WAL's pages at the next checkpoint
     * (negative when that growth is the larger).
     */
    synchronized long spareBytes() throws SQLException {
        return guarded(db::spareBytes);
    }

    /**
     * Copies the WAL into the file and restarts it, so the next commit writes it from the start and
     * SQLite cuts it back to its size limit (see {@link QueueConnection#config()}); unless
     * {@code always}, only when the WAL holds pages past the file's end. A file kept up with its
     * WAL lets a checkpoint complete, and the WAL be reused, without a byte of disk: deletions go
     * on when something else fills the disk. (Freed pages the queue reuses never lag.)
     */
    synchronized void checkpoint(boolean always) throws SQLException {
        guarded(() -> {
            db.checkpoint(always);
            return null;
        });
    }

    synchronized Size size() throws SQLException {
        return guarded(() -> {
            long oldest = 0;
            try (Statement statement = db.get().createStatement();
                    ResultSet rs = statement.executeQuery("SELECT MIN(created) FROM message")) {
                if (rs.next()) {
                    oldest = rs.getLong(1);
                }
            }
            db.get().commit();
            return new Size(messages, bytes, oldest);
        });
    }

    /** The last salvage of this queue since it was opened, or null. */
    QueueSalvage.Report salvaged() {
        return salvaged;
    }

    /** Damaged queue files kept aside beside this one (by this run or an earlier one), oldest first. */
    List<Path> keptAside() throws IOException {
        String damaged = file.getFileName() + CheckedFiles.DAMAGED_SUFFIX;
        return CheckedFiles.quarantined(file.getParent()).stream()
                .filter(f -> f.getFileName().toString().startsWith(damaged))
                .filter(f -> !QueueSalvage.isCompanion(f))
                .toList();
    }

    /**
     * Runs {@code work}; on a damaged file salvages it and runs {@code work} once more on the fresh
     * queue; on any other failure restores the connection and rethrows.
     */
    private <T> T guarded(Work<T> work) throws SQLException {
        try {
            return work.run();
        } catch (SQLException e) {
            if (SqliteFailure.of(e) != SqliteFailure.DAMAGED) {
                restore(e);
                throw e;
            }
            salvage(e.getMessage());
        }
        try {
            return work.run();
        } catch (SQLException e) {
            restore(e);
            throw e;
        }
    }

    /** Makes the connection usable after a failed call (salvaging the file if reopening finds it damaged), and counts afresh. */
    private void restore(SQLException failure) {
        try {
            String damage = db.reset();
            if (damage != null) {
                salvage(damage);
            } else {
                recount();
            }
        } catch (SQLException e) {
            // the next call tries again: the closed connection fails it, and lands here
            failure.addSuppressed(e);
        }
    }

    private void salvage(String damage) throws SQLException {
        db.closeQuietly();
        salvaged = QueueSalvage.salvage(file, damage, highestId);
        String again = db.open(false);
        if (again != null) {
            throw new SQLException("the salvaged queue " + file + " cannot be used: " + again);
        }
        recount();
    }

    private void recount() throws SQLException {
        try (Statement statement = db.get().createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*), COALESCE(SUM(length(payload)), 0),"
                        + " (SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'message')"
                        + " FROM message")) {
            rs.next();
            messages = rs.getLong(1);
            bytes = rs.getLong(2);
            highestId = Math.max(highestId, rs.getLong(3));
        }
        db.get().commit();
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
