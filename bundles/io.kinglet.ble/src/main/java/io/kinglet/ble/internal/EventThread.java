package io.kinglet.ble.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that everything of a state machine runs on, so its state needs no locks: tasks,
 * delayed tasks, and queries answered within a bound. Once closed, late tasks are dropped quietly.
 */
final class EventThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventThread.class);
    private static final long ANSWER_SECONDS = 2;

    private final ScheduledExecutorService executor;

    EventThread(String name) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug(
                    "{}: stopped; dropping a late task", Thread.currentThread().getName());
        }
    }

    ScheduledFuture<?> schedule(Runnable task, long millis) {
        return executor.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code query} on the thread and returns its answer. */
    <T> T call(Callable<T> query) {
        try {
            return executor.submit(query).get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("no answer within " + ANSWER_SECONDS + " s: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
