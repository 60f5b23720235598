package io.kinglet.ota.internal;

import io.kinglet.boot.BootBundles;
import io.kinglet.boot.DamagedFileException;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.ota.api.DeploymentState;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what is submitted (a push, a manual rollback) from upload to probation, one deployment at a
 * time, on the agent's worker thread: verified while the pusher waits, so a refusal is its answer;
 * then green installed beside blue and switched in, or booted on trial; then {@link Probation}.
 */
final class Submissions {

    private static final Logger LOG = LoggerFactory.getLogger(Submissions.class);

    /**
     * A deployment accepted or refused: the HTTP status that tells the pusher, and the deployment as
     * it was when the answer was decided (its switch may already be under way when the answer is sent).
     */
    record Submitted(String id, JsonObject snapshot, String summary, int status) {
        Submitted(Deployment d, int status) {
            this(
                    d.id(),
                    d.toJson(),
                    d.id() + ": " + d.state().label() + " (" + String.join(", ", d.summary()) + ")"
                            + (d.reason() == null ? "" : ": " + d.reason()),
                    status);
        }
    }

    /** What the submissions work with, built by the agent. */
    record Parts(
            ArtifactStore store,
            Journal journal,
            Manifests manifests,
            BootBundles boot,
            BundleOperations bundles,
            Transitions transitions,
            Switcher switcher,
            Probation probation,
            Settlement settlement) {}

    private final Parts parts;
    private final ScheduledExecutorService worker;
    private final AtomicReference<Run> run;
    private final Supplier<Admission> admission;
    /** Bytes of the last push refused for a full disk; 0 once one fits again. */
    private volatile long lastRefusedForSpace;

    Submissions(Parts parts, ScheduledExecutorService worker, AtomicReference<Run> run, Supplier<Admission> admission) {
        this.parts = parts;
        this.worker = worker;
        this.run = run;
        this.admission = admission;
    }

    /** Streams an upload into the incoming area, hashed and size-limited. */
    ArtifactStore.Received receive(InputStream in) throws IOException, Refusal {
        try {
            return parts.store().receive(in, admission.get().maxArtifactBytes());
        } catch (Refusal refusal) {
            if (refusal.status() == Refusal.INSUFFICIENT_STORAGE) {
                // the upload's size is unknown; the health check waits for room for at least a small one
                lastRefusedForSpace = ArtifactStore.MARGIN_BYTES;
            }
            throw refusal;
        }
    }

    /** Bytes of the last push refused for lack of room, or 0 when the last one fitted. */
    long refusedForSpace() {
        return lastRefusedForSpace;
    }

    /** Verifies and installs a pushed deployment; the rest of its life runs in the background. */
    Submitted push(List<ArtifactStore.Received> uploads, boolean downgrade) throws Refusal {
        return onWorker(() -> {
            busyCheck(uploads);
            Deployment d = new Deployment(parts.journal().nextId(), Deployment.Kind.PUSH, downgrade);
            try {
                parts.store().checkRoom(uploads);
                parts.transitions().enter(d, DeploymentState.RECEIVED, null);
                List<ArtifactVerifier.Verified> verified = new ArrayList<>();
                for (ArtifactStore.Received upload : uploads) {
                    verified.add(admission.get().verifier().verify(upload));
                }
                Intake.push(verified, downgrade, this::running).forEach(d::add);
                for (ArtifactStore.Received upload : uploads) {
                    parts.store().keep(upload);
                }
                parts.transitions().enter(d, DeploymentState.VERIFIED, null);
                List<DeploymentManifest.Artifact> artifacts =
                        d.changes().stream().map(Deployment.Change::artifact).toList();
                install(d, parts.manifests().committed().with(d.id(), artifacts));
            } catch (Refusal refusal) {
                return refuse(d, uploads, refusal);
            } catch (IOException e) {
                return refuse(d, uploads, parts.store().storageFailure(e));
            }
            lastRefusedForSpace = 0;
            return new Submitted(d, 202);
        });
    }

    /** Reverts to the previous committed set, through the same switch and probation as a push. */
    Submitted rollback() throws Refusal {
        return onWorker(() -> {
            busyCheck(List.of());
            Optional<DeploymentManifest> previous;
            List<Deployment.Change> changes;
            try {
                previous = parts.manifests().previous();
                changes = Intake.rollback(
                        parts.manifests().committed(), previous, parts.boot().versions());
            } catch (DamagedFileException e) {
                throw new Refusal(Refusal.CONFLICT, e.getMessage() + "; there is no intact set to roll back to");
            }
            Deployment d = new Deployment(parts.journal().nextId(), Deployment.Kind.ROLLBACK, true);
            changes.forEach(d::add);
            try {
                parts.transitions().enter(d, DeploymentState.RECEIVED, null);
                parts.transitions().enter(d, DeploymentState.VERIFIED, null);
                install(d, new DeploymentManifest(d.id(), previous.orElseThrow().bundles()));
            } catch (Refusal refusal) {
                return refuse(d, List.of(), refusal);
            } catch (IOException e) {
                return refuse(d, List.of(), parts.store().storageFailure(e));
            }
            return new Submitted(d, 202);
        });
    }

    /** A trial booted for this agent: judged like any other deployment. */
    private void install(Deployment d, DeploymentManifest target) throws Refusal, IOException {
        Run r = parts.switcher().install(d, target);
        try {
            parts.transitions().enter(d, DeploymentState.INSTALLED, null);
        } catch (IOException e) {
            parts.switcher().removeGreens(r);
            throw e;
        }
        run.set(r);
        worker.execute(() -> switchOver(r));
    }

    private void switchOver(Run r) {
        try {
            if (r.trial) {
                parts.settlement().bootOnTrial(r);
                return;
            }
            parts.transitions().enter(r.deployment, DeploymentState.SWITCHING, null);
            long start = System.nanoTime();
            String failed = parts.switcher().switchOver(r);
            if (failed != null) {
                parts.settlement().rollBack(r, failed);
                return;
            }
            parts.transitions().tookToSwitch((System.nanoTime() - start) / 1_000_000);
            parts.probation().start(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BundleException | IOException | RuntimeException e) {
            parts.settlement().rollBack(r, "the switch failed: " + e);
        }
    }

    void resume(Run r) {
        run.set(r);
        try {
            parts.probation().start(r);
        } catch (IOException e) {
            parts.settlement().rollBack(r, "probation could not start: " + e);
        }
    }

    private void busyCheck(List<ArtifactStore.Received> uploads) throws Refusal, IOException {
        Run r = run.get();
        if (r != null) {
            parts.store().discard(uploads);
            throw new Refusal(
                    Refusal.CONFLICT,
                    "deployment " + r.deployment.id() + " is "
                            + r.deployment.state().label() + "; wait until it ends, or roll it back");
        }
    }

    /**
     * Ends a deployment refused before the switch: its uploads deleted, the refusal recorded where the
     * disk still allows (a full disk is answered even if it cannot be journalled).
     */
    private Submitted refuse(Deployment d, List<ArtifactStore.Received> uploads, Refusal refusal) {
        try {
            parts.store().discard(uploads);
            parts.transitions().enter(d, DeploymentState.REFUSED, refusal.getMessage());
            parts.store().retainOnly(parts.manifests().referencedArtifacts());
        } catch (IOException e) {
            LOG.warn(
                    "OTA {}: refused ({}), but the refusal could not be recorded: {}",
                    d.id(),
                    refusal.getMessage(),
                    e.getMessage());
        }
        if (refusal.status() == Refusal.INSUFFICIENT_STORAGE) {
            lastRefusedForSpace =
                    uploads.stream().mapToLong(ArtifactStore.Received::size).sum();
        }
        return new Submitted(d, refusal.status());
    }

    private Optional<Intake.Running> running(String symbolicName) {
        Bundle bundle = parts.bundles().running(symbolicName);
        return bundle == null
                ? Optional.empty()
                : Optional.of(new Intake.Running(bundle.getVersion(), bundle.getLocation()));
    }

    private <T> T onWorker(Callable<T> task) throws Refusal {
        try {
            return worker.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Refusal refusal) {
                throw refusal;
            }
            throw new IllegalStateException("OTA: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
