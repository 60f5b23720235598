package io.kinglet.telemetry.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The queue file's one connection: opened with the schema in place (and, the first time, the file
 * checked), and kept usable after a failed call by rolling back, or where that fails, reopening.
 *
 * <p>The data source is used directly, never {@code DriverManager}: nothing is registered
 * globally, so an update of this bundle leaves no reference to its class loader behind.
 */
final class QueueConnection implements AutoCloseable {

    private final Path file;
    private final SQLiteDataSource source;
    private Connection connection;

    QueueConnection(Path file, SQLiteConfig config) {
        this.file = file;
        source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
    }

    /** How the queue's connections are configured. */
    static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5_000);
        // a WAL that a checkpoint restarts is cut back to the reserve's size, neither deleted nor
        // left at its largest: the queue keeps that much disk of its own for its deletions, even
        // when something else takes the last byte
        config.setJournalSizeLimit((int) DiskSpace.RESERVE_BYTES);
        return config;
    }

    static void createSchema(Connection connection) throws SQLException {
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
    }

    /** The open connection, in a transaction (auto-commit off). */
    Connection get() {
        return connection;
    }

    /**
     * Opens the connection; with {@code check}, verifies the file first. Returns what is wrong
     * with a damaged file (the connection then closed), or null.
     */
    String open(boolean check) throws SQLException {
        try {
            connection = source.getConnection();
            createSchema(connection);
            String damage = check ? quickCheck() : null;
            if (damage != null) {
                closeQuietly();
                return damage;
            }
            connection.setAutoCommit(false);
            return null;
        } catch (SQLException e) {
            closeQuietly();
            if (SqliteFailure.of(e) == SqliteFailure.DAMAGED) {
                return e.getMessage();
            }
            throw e;
        }
    }

    /**
     * Makes the connection usable after a failed call; returns what is wrong with the file if
     * reopening found it damaged, else null. SQLite rolls a transaction back by itself on some
     * errors (SQLITE_FULL among them); sqlite-jdbc's rollback then fails ("no transaction is
     * active") and leaves the connection outside the transaction it believes open, where every
     * later commit fails. So: roll back, and where that fails, reopen.
     */
    String reset() throws SQLException {
        try {
            connection.rollback();
            return null;
        } catch (SQLException e) {
            closeQuietly();
            return open(false);
        }
    }

    /** See {@link MessageStore#spareBytes}. */
    long spareBytes() throws SQLException {
        long spare = pragma("freelist_count") * pragma("page_size") - lag();
        connection.commit();
        return spare;
    }

    /** See {@link MessageStore#checkpoint}. */
    void checkpoint(boolean always) throws SQLException {
        boolean lagging = lag() > 0;
        // ends the read transaction the pragmas opened: a checkpoint waits for every reader, this one too
        connection.commit();
        if (always || lagging) {
            pragma("wal_checkpoint(RESTART)");
            connection.commit();
        }
    }

    /** By how many bytes the file must grow to take in the WAL's pages: those past its end. */
    private long lag() throws SQLException {
        return Math.max(
                0, pragma("page_count") * pragma("page_size") - file.toFile().length());
    }

    private long pragma(String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** PRAGMA quick_check: every page and record well formed (no index-content cross-check); null when it is. */
    private String quickCheck() throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA quick_check")) {
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
        }
        problems.removeIf(p -> p.equals("ok") || p.startsWith("*** "));
        if (problems.isEmpty()) {
            return null;
        }
        return "quick_check: " + problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // the connection is given up either way; the caller reports what made it give up
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
