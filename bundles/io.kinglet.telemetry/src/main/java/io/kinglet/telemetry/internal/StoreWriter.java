package io.kinglet.telemetry.internal;

import io.kinglet.telemetry.api.TelemetryRejectedException;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * completes each publisher's future with its message id. Enforces the disk quota on the way in.
 */
final class StoreWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 2_000;

    record Pending(QueuedMessage message, CompletableFuture<Long> stored) {}

    private final MessageStore store;
    private final long quotaBytes;
    private final boolean dropOnFull;
    private final BlockingQueue<Pending> incoming = new LinkedBlockingQueue<>(50_000);
    /** Acknowledged by the broker, not yet deleted: what to run once the deletion is committed. */
    private final Map<Long, Runnable> acknowledged = new ConcurrentHashMap<>();

    private final DropLog dropLog = new DropLog(LOG);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;
    private volatile String failure;
    private final Runnable afterCommit;

    StoreWriter(MessageStore store, long quotaBytes, boolean dropOnFull, Runnable afterCommit) {
        this.store = store;
        this.quotaBytes = quotaBytes;
        this.dropOnFull = dropOnFull;
        this.afterCommit = afterCommit;
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

    long refused() {
        return refused.get();
    }

    /** Why the last commit failed, or null while the store works. */
    String failure() {
        return failure;
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
                List<Long> acks = List.copyOf(acknowledged.keySet());
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

    private void commit(List<Pending> batch, List<Long> acks) {
        List<Pending> accepted = admit(batch);
        List<QueuedMessage> messages = new ArrayList<>(accepted.size());
        accepted.forEach(p -> messages.add(p.message()));
        try {
            long[] ids = store.commit(messages, acks);
            for (Long id : acks) {
                acknowledged.remove(id).run();
            }
            failure = null;
            for (int i = 0; i < ids.length; i++) {
                accepted.get(i).stored().complete(ids[i]);
            }
            afterCommit.run();
        } catch (SQLException e) {
            if (failure == null) {
                LOG.error("Telemetry queue: cannot write to the store: {}", e.getMessage());
            }
            failure = e.getMessage();
            TelemetryRejectedException rejected =
                    new TelemetryRejectedException("telemetry store failed: " + e.getMessage(), e);
            accepted.forEach(p -> p.stored().completeExceptionally(rejected));
        }
    }

    /** The messages of a batch that fit the quota, after dropping older ones if the policy says so. */
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
                    refused.incrementAndGet();
                    dropLog.dropped(1, "queue full (quota " + quotaBytes + " bytes): refused new messages");
                    p.stored()
                            .completeExceptionally(new TelemetryRejectedException("telemetry queue full (quota "
                                    + quotaBytes + " bytes); the policy refuses new messages"));
                }
            }
        } catch (SQLException e) {
            failure = e.getMessage();
            TelemetryRejectedException rejected =
                    new TelemetryRejectedException("telemetry store failed: " + e.getMessage(), e);
            batch.forEach(p -> p.stored().completeExceptionally(rejected));
            return List.of();
        }
        return accepted;
    }
}
