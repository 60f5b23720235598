package io.kinglet.telemetry.internal;

import io.kinglet.boot.FreeSpace;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether new messages fit on the queue's disk, decided before SQLite finds out the hard way: a
 * queue that fills its disk to the last byte cannot even commit the deletions that would free it.
 * New messages are admitted while they fit in the file system's usable space less a reserve, plus
 * what SQLite can still store inside the file (see {@link MessageStore#spareBytes}); past that they
 * are refused, with the state directory and its free space named, until room is back. Used by the
 * writer thread; read by stats.
 */
final class DiskSpace {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);

    /**
     * Kept free for the queue's own upkeep while new messages are refused: deleting acknowledged
     * messages writes the changed pages to the WAL and its -shm index first. 64 pages of 4 KiB,
     * more than a transaction of deletions on a tight disk touches; a checkpointed WAL is cut back
     * to this size, not deleted (see {@link QueueConnection#config()}). It is also the margin by
     * which room must come back before a full disk admits messages again, so a disk on the edge
     * does not flap between refusing and accepting.
     */
    static final long RESERVE_BYTES = 256 * 1024;

    /**
     * Below this much room the disk is tight: the WAL, which SQLite lets grow to 1000 pages of 4 KiB
     * before it checkpoints by itself, could take the rest. The writer then checkpoints after
     * every commit and deletes in small transactions (see {@link StoreWriter}).
     */
    static final long TIGHT_BYTES = 4L * 1024 * 1024;

    /** What a stored message takes beyond its topic and payload: record header, id, the other columns, the index entry. */
    static final int ROW_OVERHEAD_BYTES = 64;

    /** The usable bytes of the queue's file system. */
    @FunctionalInterface
    interface Probe {
        long usableBytes() throws IOException;
    }

    /** The bytes SQLite can still store inside the queue file without taking more of the disk (may be negative). */
    @FunctionalInterface
    interface Spare {
        long bytes() throws SQLException;
    }

    private final Path stateDir;
    private final Probe probe;
    /** Why new messages are refused, or null while they fit. */
    private volatile String full;
    /** SQLite said full although the probe saw room (a quota, a race): only a successful write ends that. */
    private boolean fullOnWrite;

    private boolean tight;

    DiskSpace(Path stateDir, Probe probe) {
        this.stateDir = stateDir;
        this.probe = probe;
    }

    /** The file system of {@code queueDir} (created if missing); messages name {@code stateDir}. */
    static DiskSpace of(Path queueDir, Path stateDir) throws IOException {
        FileStore store = Files.getFileStore(Files.createDirectories(queueDir));
        return new DiskSpace(stateDir, store::getUsableSpace);
    }

    /**
     * The disk a message takes, near enough to keep the reserve: twice its row, written to the WAL
     * at commit and into the file at the checkpoint (the WAL's copy is reused after it).
     */
    static long footprint(QueuedMessage message) {
        return 2L * (message.payload().length + message.topic().length() + ROW_OVERHEAD_BYTES);
    }

    /**
     * How many bytes of new messages fit now: the usable space, less the reserve, plus what the
     * queue file can still take in without growing (its free pages, less the WAL it owes the file).
     */
    long room(Spare spare) throws IOException, SQLException {
        long room = probe.usableBytes() - RESERVE_BYTES + spare.bytes();
        tight = room < TIGHT_BYTES;
        return room;
    }

    /** True while the disk is full or nearly so (as last measured). */
    boolean tight() {
        return tight || full != null;
    }

    /** How many of {@code messages}, in order, may be stored; when not all, new messages are refused until room is back. */
    int admit(List<QueuedMessage> messages, Spare spare) throws SQLException {
        // once full, room must come back with a reserve to spare before messages are taken again
        long margin = full == null ? 0 : RESERVE_BYTES;
        long room;
        try {
            room = room(spare) - margin;
        } catch (IOException e) {
            // the file system cannot say: let SQLite decide (SQLITE_FULL is handled too)
            return messages.size();
        }
        int fit = 0;
        for (QueuedMessage m : messages) {
            room -= footprint(m);
            if (room < 0) {
                full = reason();
                return fit;
            }
            fit++;
        }
        return fit;
    }

    /** SQLite met a full disk: new messages are refused; returns why. */
    String fullOnWrite() {
        // with room on the disk, SQLite hit a limit of its own (a quota, a page limit) that no
        // probe sees: then only a successful write says it is over
        fullOnWrite = !belowReserve();
        full = reason();
        return full;
    }

    /** New messages were committed: the disk has room again. */
    void written() {
        if (full != null) {
            back();
        }
    }

    /** Measures the room again (see {@link #tight}); a full disk with a reserve's worth of room again takes messages. */
    void recheck(Spare spare) throws SQLException {
        try {
            if (room(spare) >= RESERVE_BYTES && full != null && !fullOnWrite) {
                back();
            }
        } catch (IOException e) {
            LOG.debug("Telemetry: free space of {} unknown: {}", stateDir, e.getMessage());
        }
    }

    /** Why new messages are refused, or null while they are accepted. */
    String full() {
        return full;
    }

    /** True when the disk has less than the reserve left: an I/O error then is the disk being full. */
    boolean belowReserve() {
        try {
            return probe.usableBytes() < RESERVE_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private void back() {
        full = null;
        fullOnWrite = false;
        String free;
        try {
            free = FreeSpace.bytes(probe.usableBytes());
        } catch (IOException e) {
            free = "unknown space";
        }
        LOG.info("Telemetry: room for new messages is back ({} free in {}); they are stored again", free, stateDir);
    }

    private String reason() {
        try {
            return "disk full: " + FreeSpace.bytes(probe.usableBytes()) + " free in " + stateDir;
        } catch (IOException e) {
            return "disk full in " + stateDir + " (free space unknown: " + e.getMessage() + ")";
        }
    }
}
