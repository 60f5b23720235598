package io.kinglet.telemetry.internal;

import io.kinglet.telemetry.api.Priority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.LongStream;

/**
 * Copies the readable messages of a damaged queue into a fresh one, ids kept, committed in batches.
 * Rows are copied in id order until a damaged page stops the scan, then from the highest id down to
 * the damage; the ids in between are asked of the index and fetched one by one, so only the rows
 * on damaged pages are lost. Writing stops at the first failure of the fresh queue (a full disk).
 */
final class SalvageCopy implements AutoCloseable {

    private static final String SELECT = "SELECT id, topic, payload, qos, priority, created FROM message ";
    private static final String INSERT =
            "INSERT OR IGNORE INTO message (id, topic, payload, qos, priority, created) VALUES (?, ?, ?, ?, ?, ?)";
    private static final int BATCH = 1_000;

    private final Connection out;
    private final PreparedStatement insert;
    /** Rows in the damaged file, or -1 when it cannot be counted. */
    private long total = -1;
    /** The highest id the damaged file had handed out. */
    private long sequence;
    /** The highest id copied. */
    private long highest;

    private long recovered;
    private int pending;
    private long lastRead;
    /** Why writing the fresh queue failed (a full disk, most likely), or null. */
    private String stopped;

    /** Into {@code out}, a fresh queue in a transaction. */
    SalvageCopy(Connection out) throws SQLException {
        this.out = out;
        this.insert = out.prepareStatement(INSERT);
    }

    /** Copies what can be read of {@code damaged}, and counts it if it can. */
    void from(Connection damaged) {
        // SQLite counts through the smallest b-tree, the index: when that is the damaged one, the table
        total = single(damaged, "SELECT COUNT(*) FROM message");
        if (total < 0) {
            total = single(damaged, "SELECT COUNT(*) FROM message NOT INDEXED");
        }
        sequence = Math.max(0, single(damaged, "SELECT seq FROM sqlite_sequence WHERE name = 'message'"));
        if (copyUntilDamage(damaged, SELECT + "WHERE id > ? ORDER BY id", 0)) {
            return;
        }
        long low = lastRead;
        lastRead = Long.MAX_VALUE;
        if (copyUntilDamage(damaged, SELECT + "WHERE id > ? ORDER BY id DESC", low)) {
            return;
        }
        fillGap(damaged, low, lastRead);
    }

    /** Copies what {@code select} finds after {@code bound}; false when a damaged page stopped it at {@link #lastRead}. */
    private boolean copyUntilDamage(Connection damaged, String select, long bound) {
        try (PreparedStatement rows = damaged.prepareStatement(select)) {
            rows.setLong(1, bound);
            try (ResultSet rs = rows.executeQuery()) {
                while (stopped == null && rs.next()) {
                    lastRead = rs.getLong(1);
                    keep(rs);
                }
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The rows with ids between {@code low} and {@code high}, one by one, as far as the index knows their ids. */
    private void fillGap(Connection damaged, long low, long high) {
        LongStream.Builder ids = LongStream.builder();
        try (PreparedStatement known = damaged.prepareStatement(
                "SELECT id FROM message INDEXED BY message_drop_order WHERE id > ? AND id < ?")) {
            known.setLong(1, low);
            known.setLong(2, high);
            try (ResultSet rs = known.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            // the index is damaged too: the ids it gave before the damage
        }
        try (PreparedStatement row = damaged.prepareStatement(SELECT + "WHERE id = ?")) {
            for (long id : ids.build().toArray()) {
                if (stopped != null) {
                    return;
                }
                row.setLong(1, id);
                try (ResultSet rs = row.executeQuery()) {
                    if (rs.next()) {
                        keep(rs);
                    }
                } catch (SQLException e) {
                    // on a damaged page: lost
                }
            }
        } catch (SQLException e) {
            // the table cannot be read at all
        }
    }

    /** Copies the current row, if it is a message; read errors propagate, write errors stop the copy. */
    private void keep(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String topic = rs.getString(2);
        byte[] payload = rs.getBytes(3);
        int qos = rs.getInt(4);
        int priority = rs.getInt(5);
        long created = rs.getLong(6);
        if (!sendable(topic)
                || payload == null
                || qos < 0
                || qos > 1
                || priority < 0
                || priority >= Priority.values().length) {
            return; // what a damaged page reads as, not a message
        }
        try {
            insert.setLong(1, id);
            insert.setString(2, topic);
            insert.setBytes(3, payload);
            insert.setInt(4, qos);
            insert.setInt(5, priority);
            insert.setLong(6, created);
            if (insert.executeUpdate() == 1) {
                pending++;
                highest = Math.max(highest, id);
            }
            if (pending >= BATCH) {
                commit();
            }
        } catch (SQLException e) {
            stopped = e.getMessage();
        }
    }

    /**
     * Whether a topic read from a damaged page can be sent: MQTT clients refuse (and drop their
     * connection over) a topic with control characters, unpaired surrogates or wildcards, so such a
     * row would stop every message after it. Invalid UTF-8 reads as U+FFFD.
     */
    static boolean sendable(String topic) {
        return topic != null
                && !topic.isEmpty()
                && topic.chars()
                        .noneMatch(c -> c < 0x20
                                || (c >= 0x7f && c <= 0x9f)
                                || c == '#'
                                || c == '+'
                                || c == 0xFFFD
                                || Character.isSurrogate((char) c));
    }

    private void commit() throws SQLException {
        out.commit();
        recovered += pending;
        pending = 0;
    }

    /** Commits the last rows and makes new ids go on above every id handed out before. */
    void finish(long highestId) {
        if (stopped != null) {
            return;
        }
        try (Statement statement = out.createStatement()) {
            commit();
            statement.executeUpdate("DELETE FROM sqlite_sequence WHERE name = 'message'");
            statement.executeUpdate("INSERT INTO sqlite_sequence (name, seq) VALUES ('message', "
                    + Math.max(highest, Math.max(sequence, highestId)) + ")");
            out.commit();
        } catch (SQLException e) {
            stopped = e.getMessage();
        }
    }

    long lost() {
        return total < 0 ? -1 : Math.max(0, total - recovered);
    }

    private static long single(Connection damaged, String query) {
        try (Statement statement = damaged.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Messages copied and committed. */
    long recovered() {
        return recovered;
    }

    /** Why writing the fresh queue stopped, or null. */
    String stopped() {
        return stopped;
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
