package io.kinglet.telemetry.internal;

import io.kinglet.telemetry.api.TelemetryRejectedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the queue: it takes every message published since its last pass and
 * every acknowledgement from the broker, and commits them in one transaction (group commit), then
 * completes each publisher's future with its message id. Enforces the queue quota and the disk's
 * free space on the way in; deletions of acknowledged messages go on when new messages cannot.
 */
final class StoreWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 2_000;
    /**
     * Deletions per transaction on a tight disk: each one goes through the WAL first, and 64
     * deletions touch some 30 pages, well inside the reserve. A larger one could fail for want of
     * the very space it would free, again at every retry; on a disk full to the last byte even
     * this many may not fit the WAL the queue has, so a failure halves it (down to one).
     */
    private static final int TIGHT_DELETIONS = 64;

    private static final long UPKEEP_NANOS = 1_000_000_000L;

    record Pending(QueuedMessage message, CompletableFuture<Long> stored) {}

    private final MessageStore store;
    private final long quotaBytes;
    private final boolean dropOnFull;
    private final DiskSpace disk;
    private final BlockingQueue<Pending> incoming = new LinkedBlockingQueue<>(50_000);
    /** Acknowledged by the broker, not yet deleted: what to run once the deletion is committed. */
    private final Map<Long, Runnable> acknowledged = new ConcurrentHashMap<>();

    private final DropLog dropLog = new DropLog(LOG);
    private final AtomicLong dropped = new AtomicLong();
    private final Map<Refusal, AtomicLong> refused = new EnumMap<>(Refusal.class);
    private volatile boolean running = true;
    private volatile String failure;
    private long lastUpkeep = System.nanoTime();
    private int tightDeletions = TIGHT_DELETIONS;
    private final Runnable afterCommit;

    StoreWriter(MessageStore store, long quotaBytes, boolean dropOnFull, DiskSpace disk, Runnable afterCommit) {
        this.store = store;
        this.quotaBytes = quotaBytes;
        this.dropOnFull = dropOnFull;
        this.disk = disk;
        this.afterCommit = afterCommit;
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, new AtomicLong());
        }
    }

    /** Hands a message to the writer; waits only if thousands are already waiting for the disk. */
    CompletableFuture<Long> submit(QueuedMessage message) {
        CompletableFuture<Long> stored = new CompletableFuture<>();
        if (!running) {
            stored.completeExceptionally(new TelemetryRejectedException("telemetry is stopping"));
            return stored;
        }
        try {
            incoming.put(new Pending(message, stored));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stored.completeExceptionally(new TelemetryRejectedException("interrupted while queueing", e));
        }
        return stored;
    }

    /**
     * The broker has the message: delete it in the next transaction, then run {@code deleted}. The
     * forwarder frees the message's place in its window only then, so what a crash can send twice
     * (sent, or acknowledged but still on disk) never exceeds the window.
     */
    void acknowledge(long id, Runnable deleted) {
        acknowledged.put(id, deleted);
    }

    /** Acknowledged but not yet deleted: the forwarder must not send it again. */
    boolean isAcknowledged(long id) {
        return acknowledged.containsKey(id);
    }

    long dropped() {
        return dropped.get();
    }

    long refused(Refusal reason) {
        return refused.get(reason).get();
    }

    /** Why the last commit failed (other than for a full disk), or null while the store works. */
    String failure() {
        return failure;
    }

    /** Why new messages are refused for want of disk space, or null while they fit. */
    String diskFull() {
        return disk.full();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !incoming.isEmpty()) {
            try {
                Pending first = incoming.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    incoming.drainTo(batch, MAX_BATCH - 1);
                }
                dropLog.tick();
                upkeep();
                List<Long> acks = acknowledged.keySet().stream()
                        .limit(disk.tight() ? tightDeletions : Long.MAX_VALUE)
                        .toList();
                if (!batch.isEmpty() || !acks.isEmpty()) {
                    commit(batch, acks);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
        dropLog.flush();
    }

    /** Once a second: measures the disk's room (which may end a full disk), and checkpoints as after a commit. */
    private void upkeep() {
        if (System.nanoTime() - lastUpkeep < UPKEEP_NANOS) {
            return;
        }
        lastUpkeep = System.nanoTime();
        try {
            disk.recheck(store::spareBytes);
        } catch (SQLException e) {
            LOG.debug("Telemetry: free space of the queue unknown: {}", e.getMessage());
        }
        checkpoint();
    }

    private void commit(List<Pending> batch, List<Long> acks) {
        List<Pending> accepted = admit(batch);
        List<QueuedMessage> messages = new ArrayList<>(accepted.size());
        accepted.forEach(p -> messages.add(p.message()));
        long[] ids;
        try {
            ids = store.commit(messages, acks);
        } catch (SQLException e) {
            refuse(accepted, e);
            if (messages.isEmpty() || acks.isEmpty()) {
                deletionsFailed(acks, e);
            } else {
                // deletions free space: new messages that cannot be stored must not hold them back
                try {
                    store.commit(List.of(), acks);
                    deleted(acks);
                } catch (SQLException again) {
                    deletionsFailed(acks, again);
                }
            }
            return;
        }
        failure = null;
        if (ids.length > 0) {
            disk.written();
        }
        checkpoint();
        deleted(acks);
        for (int i = 0; i < ids.length; i++) {
            accepted.get(i).stored().complete(ids[i]);
        }
    }

    /** After a commit: keeps the file up with the WAL, and on a tight disk keeps the WAL from growing. */
    private void checkpoint() {
        try {
            store.checkpoint(disk.tight());
        } catch (SQLException e) {
            LOG.debug("Telemetry: checkpoint failed: {}", e.getMessage());
        }
    }

    private void deleted(List<Long> acks) {
        if (!acks.isEmpty()) {
            tightDeletions = Math.min(TIGHT_DELETIONS, tightDeletions * 2);
        }
        for (Long id : acks) {
            acknowledged.remove(id).run();
        }
        afterCommit.run();
    }

    private void deletionsFailed(List<Long> acks, SQLException e) {
        if (acks.isEmpty()) {
            return;
        }
        if (isDiskFull(e)) {
            tightDeletions = Math.max(1, tightDeletions / 2);
        }
        LOG.debug("Telemetry: {} deletions wait for the next pass: {}", acks.size(), e.getMessage());
    }

    private boolean isDiskFull(SQLException e) {
        SqliteFailure kind = SqliteFailure.of(e);
        return kind == SqliteFailure.FULL || kind == SqliteFailure.IO && disk.belowReserve();
    }

    /** Fails the messages a failed commit or check did not store, for a full disk or a failing store. */
    private void refuse(List<Pending> pending, SQLException e) {
        if (isDiskFull(e)) {
            refuse(pending, Refusal.DISK_FULL, new TelemetryRejectedException(disk.fullOnWrite(), e));
            return;
        }
        if (failure == null) {
            LOG.error("Telemetry queue: cannot write to the store: {}", e.getMessage());
        }
        failure = e.getMessage();
        refuse(
                pending,
                Refusal.STORE_FAILED,
                new TelemetryRejectedException("telemetry store failed: " + e.getMessage(), e));
    }

    private void refuse(List<Pending> pending, Refusal reason, TelemetryRejectedException rejected) {
        if (pending.isEmpty()) {
            return;
        }
        refused.get(reason).addAndGet(pending.size());
        if (reason == Refusal.DISK_FULL) {
            dropLog.dropped(
                    pending.size(), rejected.getMessage() + "; new messages refused, acknowledged ones still deleted");
        }
        pending.forEach(p -> p.stored().completeExceptionally(rejected));
    }

    /**
     * The messages of a batch that fit the quota, after dropping older ones if the policy says so,
     * and then the disk. A full disk refuses whatever the policy: dropping would not free it soon
     * enough (freed pages are reused, the file does not shrink), deleting what is sent does.
     */
    private List<Pending> admit(List<Pending> batch) {
        List<Pending> accepted = new ArrayList<>(batch.size());
        long needed = 0;
        for (Pending p : batch) {
            needed += p.message().payload().length;
        }
        try {
            long queued = store.bytes();
            if (queued + needed > quotaBytes && dropOnFull) {
                int highest = batch.stream()
                        .mapToInt(p -> p.message().priority())
                        .max()
                        .orElse(0);
                int count = store.dropForSpace(needed, quotaBytes, highest + 1);
                if (count > 0) {
                    dropped.addAndGet(count);
                    dropLog.dropped(
                            count,
                            "queue full (quota " + quotaBytes
                                    + " bytes): dropped the lowest-priority, oldest messages");
                }
                queued = store.bytes();
            }
            for (Pending p : batch) {
                long size = p.message().payload().length;
                if (queued + size <= quotaBytes) {
                    accepted.add(p);
                    queued += size;
                } else if (dropOnFull) {
                    dropped.incrementAndGet();
                    dropLog.dropped(
                            1,
                            "queue full (quota " + quotaBytes
                                    + " bytes) of messages of higher priority: dropped new messages");
                    p.stored()
                            .completeExceptionally(new TelemetryRejectedException("telemetry queue full (quota "
                                    + quotaBytes + " bytes) of higher-priority messages"));
                } else {
                    dropLog.dropped(1, "queue full (quota " + quotaBytes + " bytes): refused new messages");
                    refuse(
                            List.of(p),
                            Refusal.QUEUE_FULL,
                            new TelemetryRejectedException("telemetry queue full (quota " + quotaBytes
                                    + " bytes); the policy refuses new messages"));
                }
            }
            int fit = disk.admit(accepted.stream().map(Pending::message).toList(), store::spareBytes);
            if (fit < accepted.size()) {
                refuse(
                        accepted.subList(fit, accepted.size()),
                        Refusal.DISK_FULL,
                        new TelemetryRejectedException(disk.full()));
                return accepted.subList(0, fit);
            }
        } catch (SQLException e) {
            refuse(batch.stream().filter(p -> !p.stored().isDone()).toList(), e);
            return List.of();
        }
        return accepted;
    }
}
