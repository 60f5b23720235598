package io.kinglet.watchdog.internal;

import io.kinglet.health.api.HealthResults;
import io.kinglet.health.api.HealthTags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/**
 * Reads every health check through the Felix executor (and its result cache) on a thread of its
 * own, so an executor that does not answer in time is seen as a stuck framework instead of stalling
 * the watchdog. A read still running from an earlier tick is waited for, never started twice.
 */
final class HealthProbe implements AutoCloseable {

    /** The checks as read, or why they could not be: {@code unresponsive} is null when they answered. */
    record Reading(List<Check> checks, String unresponsive) {}

    /** One check's result, with its tags. */
    record Check(String name, List<String> tags, Result.Status status, String message) {

        /** As /health/ready reads it: OK and WARN pass. */
        boolean passing() {
            return status == Result.Status.OK || status == Result.Status.WARN;
        }

        boolean critical() {
            return tags.contains(HealthTags.CRITICAL);
        }

        /** The spine's own critical checks, which gate the pets in safe mode. */
        boolean spine() {
            return critical() && tags.contains(HealthTags.FRAMEWORK);
        }

        Gate.Check gating() {
            return new Gate.Check(name, passing(), status.name(), message);
        }
    }

    private final HealthCheckExecutor executor;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "kinglet-watchdog-health");
        thread.setDaemon(true);
        return thread;
    });
    private Future<List<HealthCheckExecutionResult>> pending;
    private long pendingSince;

    HealthProbe(HealthCheckExecutor executor) {
        this.executor = executor;
    }

    Reading read(Duration timeout) throws InterruptedException {
        if (pending == null) {
            pendingSince = System.nanoTime();
            // an empty name selects every check (an empty selector would mean the executor's default tags)
            pending = worker.submit(() -> executor.execute(
                    HealthCheckSelector.names(""), new HealthCheckExecutionOptions().setCombineTagsWithOr(true)));
        }
        try {
            List<HealthCheckExecutionResult> results = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            pending = null;
            return new Reading(results.stream().map(HealthProbe::check).toList(), null);
        } catch (TimeoutException e) {
            long waited = (System.nanoTime() - pendingSince) / 1_000_000;
            return new Reading(List.of(), "the health checks have not answered for " + waited + " ms");
        } catch (ExecutionException e) {
            pending = null;
            return new Reading(List.of(), "the health check executor failed: " + e.getCause());
        }
    }

    private static Check check(HealthCheckExecutionResult result) {
        return new Check(
                result.getHealthCheckMetadata().getTitle(),
                result.getHealthCheckMetadata().getTags(),
                result.getHealthCheckResult().getStatus(),
                HealthResults.message(result.getHealthCheckResult()));
    }

    /** Lets a read in progress finish (the executor's own timeout bounds it): interrupting it makes Felix HC log a stack. */
    @Override
    public void close() {
        worker.shutdown();
    }
}
