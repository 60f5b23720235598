package io.kinglet.telemetry.internal;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.CheckedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Rebuilds a damaged queue file. What SQLite can still read of it is copied, ids kept, into a fresh
 * file beside it ({@link SalvageCopy}); then the damaged file and its -wal and -shm are kept aside
 * under a name that says so ({@link CheckedFiles#quarantine}) and the fresh file takes its place.
 * A crash before that leaves the damaged file in place, to be salvaged again at the next open.
 *
 * <p>The damaged file is read with writable_schema on, which makes SQLite read a truncated file up
 * to where it ends instead of refusing it whole (read-only: nothing is written to it).
 */
final class QueueSalvage {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSalvage.class);

    private static final String FRESH_SUFFIX = ".salvage";
    private static final List<String> COMPANIONS = List.of("-wal", "-shm");

    /** A salvage: where the damaged file went, why, and how many messages were recovered and lost (-1: unknown). */
    record Report(Path keptAs, String cause, long recovered, long lost) {

        String lostText() {
            return lost < 0 ? "an unknown number" : Long.toString(lost);
        }
    }

    private QueueSalvage() {}

    /** A damaged file's -wal or -shm, kept aside beside it. */
    static boolean isCompanion(Path file) {
        return COMPANIONS.stream().anyMatch(file.getFileName().toString()::endsWith);
    }

    /**
     * Finishes a salvage a crash interrupted. A fresh file with no queue beside it is complete (the
     * damaged queue was kept aside after it was built): it takes its place. A fresh file beside the
     * queue is half built: it goes, and the queue, still damaged, is salvaged again.
     */
    static void finishInterrupted(Path file) throws IOException {
        Path fresh = fresh(file);
        if (Files.notExists(fresh)) {
            return;
        }
        if (Files.exists(file)) {
            discard(fresh);
        } else {
            AtomicFiles.rename(fresh, file);
        }
    }

    /**
     * Salvages the damaged {@code file} (closed by its owner) and returns what happened; new ids go
     * on above {@code highestId}, the highest its owner knows of.
     */
    static Report salvage(Path file, String cause, long highestId) throws SQLException {
        Path fresh = fresh(file);
        try {
            discard(fresh);
        } catch (IOException e) {
            throw new SQLException("cannot salvage " + file + ": " + e.getMessage(), e);
        }
        long recovered;
        long lost;
        String stopped;
        try (Connection out = connect(fresh, false);
                SalvageCopy copy = new SalvageCopy(out)) {
            try (Connection damaged = connect(file, true)) {
                copy.from(damaged);
            } catch (SQLException e) {
                // not a database at all, or its schema unreadable: nothing to copy, nor to count
            }
            copy.finish(highestId);
            recovered = copy.recovered();
            lost = copy.lost();
            stopped = copy.stopped();
        }
        Path aside;
        try {
            aside = CheckedFiles.quarantine(file);
            for (String companion : COMPANIONS) {
                // beside the kept file under the names SQLite looks for, so it opens with its WAL
                Path from = file.resolveSibling(file.getFileName() + companion);
                if (Files.exists(from)) {
                    AtomicFiles.rename(from, aside.resolveSibling(aside.getFileName() + companion));
                }
            }
            AtomicFiles.rename(fresh, file);
        } catch (IOException e) {
            throw new SQLException("cannot keep the damaged queue " + file + " aside: " + e.getMessage(), e);
        }
        Report report = new Report(aside, cause, recovered, lost);
        LOG.warn(
                "Telemetry: queue {} was damaged ({}); kept it aside as {} and salvaged it into a fresh queue: "
                        + "{} messages recovered, {} lost{}",
                file,
                cause,
                aside.getFileName(),
                report.recovered(),
                report.lostText(),
                stopped == null ? "" : " (copying stopped: " + stopped + ")");
        return report;
    }

    private static Path fresh(Path file) {
        return file.resolveSibling(file.getFileName() + FRESH_SUFFIX);
    }

    private static void discard(Path fresh) throws IOException {
        Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + "-journal"));
        Files.deleteIfExists(fresh);
    }

    private static Connection connect(Path file, boolean damaged) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (damaged) {
            // nothing else: a pragma applied at open would read the damaged file before writable_schema is on
            config.setReadOnly(true);
        } else {
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Connection connection = source.getConnection();
        try (Statement statement = connection.createStatement()) {
            if (damaged) {
                statement.execute("PRAGMA writable_schema = ON");
            } else {
                QueueConnection.createSchema(connection);
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
