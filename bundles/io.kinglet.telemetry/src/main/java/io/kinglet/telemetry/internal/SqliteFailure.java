package io.kinglet.telemetry.internal;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** What a failed SQLite call means for the queue, from its (primary) result code. */
enum SqliteFailure {
    /** The file is damaged or not a database: salvage it. */
    DAMAGED,
    /** No room left on the disk (or under SQLite's page limit). */
    FULL,
    /** The disk or the file system failed a read or a write. */
    IO,
    /** Anything else. */
    OTHER;

    static SqliteFailure of(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return OTHER;
        }
        // extended codes (SQLITE_IOERR_WRITE, SQLITE_CORRUPT_INDEX, …) carry the primary one in the low byte
        int primary = sqlite.getResultCode().code & 0xFF;
        if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return DAMAGED;
        }
        if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
            return FULL;
        }
        return primary == SQLiteErrorCode.SQLITE_IOERR.code ? IO : OTHER;
    }
}
