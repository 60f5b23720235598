package io.kinglet.ota.internal;

import io.kinglet.boot.BootBundles;
import io.kinglet.boot.CheckedFiles;
import io.kinglet.boot.DamagedFileException;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.FrameworkRestart;
import io.kinglet.boot.FreeSpace;
import io.kinglet.boot.KingletDirectories;
import io.kinglet.boot.OtaLayout;
import io.kinglet.ota.api.DeploymentState;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTA agent: takes a deployment from upload to committed or rolled back, one at a time, on its
 * own worker thread. Verification runs while the pusher waits, so a refusal is its answer; then
 * green is installed beside blue ({@link Switcher}), switched in or booted on trial, judged over the
 * soak window ({@link Probation}), and committed or rolled back ({@link Settlement}). At every start
 * {@link Recovery} finishes what a stop interrupted.
 */
@Component(service = OtaAgent.class, immediate = true, configurationPid = OtaAgent.PID)
@Designate(ocd = OtaConfiguration.class)
public class OtaAgent {

    static final String PID = "io.kinglet.ota";
    private static final Logger LOG = LoggerFactory.getLogger(OtaAgent.class);

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

    private final OtaLayout layout;
    private final ArtifactStore store;
    private final Journal journal;
    private final Manifests manifests;
    private final BootBundles boot;
    private final BundleOperations bundles;
    private final Transitions transitions;
    private final Switcher switcher;
    private final Probation probation;
    private final Settlement settlement;
    private final Path configDir;
    private final Path tokenFile;
    private final ServiceRegistration<ResolverHookFactory> hook;
    private final ScheduledExecutorService worker;
    private final AtomicReference<Run> run = new AtomicReference<>();
    private volatile OtaConfiguration config;
    private volatile Admission admission;
    /** Bytes of the last push refused for a full disk; 0 once one fits again. */
    private volatile long lastRefusedForSpace;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Activate
    public OtaAgent(
            BundleContext context,
            OtaConfiguration config,
            @Reference HealthCheckExecutor health,
            @Reference ServiceComponentRuntime components,
            @Reference BootBundles boot,
            @Reference JsonProvider json,
            @Reference FrameworkRestart restart)
            throws IOException {
        this.boot = boot;
        this.layout = OtaLayout.under(KingletDirectories.state(context));
        this.configDir = KingletDirectories.config(context);
        this.tokenFile = layout.dir().resolve("token");
        this.store = new ArtifactStore(layout);
        int stale = store.clearIncoming();
        if (stale > 0) {
            LOG.info("OTA: removed {} partial upload(s) an earlier stop interrupted", stale);
        }
        // JSON-P's provider is found through SPI Fly, which has it only once Parsson is active: the
        // reference makes the agent wait for it, and the journal reads through it.
        this.journal = new Journal(layout.dir().resolve("deployments"), config.historySize(), json);
        this.manifests = new Manifests(layout);
        this.transitions = new Transitions(journal, () -> events);
        this.bundles = new BundleOperations(context);
        RetiredBundles retired = new RetiredBundles();
        this.switcher = new Switcher(bundles, retired, boot, layout, context.getBundle());
        this.settlement = new Settlement(manifests, transitions, switcher, store, restart, run);
        ProbationJudge judge = new ProbationJudge(health, components);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "kinglet-ota"));
        this.probation = new Probation(
                worker,
                (r, last) -> judge.judge(r.greens, r.tags, last),
                transitions,
                () -> new Probation.Window(this.config.probationSeconds(), this.config.probationIntervalMillis()),
                run::get,
                settlement::commit,
                settlement::rollBack);
        this.hook = context.registerService(ResolverHookFactory.class, retired, null);
        modified(config);
        Recovery recovery = new Recovery(manifests, journal, transitions, bundles, restart, this::resume);
        worker.execute(() -> {
            try {
                recovery.recover();
                store.retainOnly(manifests.referencedArtifacts());
            } catch (IOException | RuntimeException e) {
                LOG.error("OTA: recovery after start failed: {}", e.toString());
            }
        });
    }

    @Modified
    void modified(OtaConfiguration config) throws IOException {
        this.config = config;
        this.admission = Admission.of(config, configDir, tokenFile);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        hook.unregister();
        Run abandoned = run.get();
        if (abandoned != null && !abandoned.deployment.trial()) {
            LOG.warn(
                    "OTA {}: stopped while {}; it is finished at the agent's next start",
                    abandoned.deployment.id(),
                    abandoned.deployment.state().label());
        }
    }

    // ---------------------------------------------------------------- what the API and the shell call

    boolean authorized(String authorizationHeader) {
        return admission.authorized(authorizationHeader);
    }

    /** Streams an upload into the incoming area, hashed and size-limited. */
    ArtifactStore.Received receive(InputStream in) throws IOException, Refusal {
        try {
            return store.receive(in, admission.maxArtifactBytes());
        } catch (Refusal refusal) {
            if (refusal.status() == Refusal.INSUFFICIENT_STORAGE) {
                // the upload's size is unknown; the health check waits for room for at least a small one
                lastRefusedForSpace = ArtifactStore.MARGIN_BYTES;
            }
            throw refusal;
        }
    }

    /** Deletes uploads a failed request leaves behind. */
    void discard(List<ArtifactStore.Received> uploads) throws IOException {
        store.discard(uploads);
    }

    /** Verifies and installs a pushed deployment; the rest of its life runs in the background. */
    Submitted push(List<ArtifactStore.Received> uploads, boolean downgrade) throws Refusal {
        return onWorker(() -> {
            busyCheck(uploads);
            Deployment d = new Deployment(journal.nextId(), Deployment.Kind.PUSH, downgrade);
            try {
                store.checkRoom(uploads);
                transitions.enter(d, DeploymentState.RECEIVED, null);
                List<ArtifactVerifier.Verified> verified = new ArrayList<>();
                for (ArtifactStore.Received upload : uploads) {
                    verified.add(admission.verifier().verify(upload));
                }
                Intake.push(verified, downgrade, this::running).forEach(d::add);
                for (ArtifactStore.Received upload : uploads) {
                    store.keep(upload);
                }
                transitions.enter(d, DeploymentState.VERIFIED, null);
                List<DeploymentManifest.Artifact> artifacts =
                        d.changes().stream().map(Deployment.Change::artifact).toList();
                install(d, manifests.committed().with(d.id(), artifacts));
            } catch (Refusal refusal) {
                return refuse(d, uploads, refusal);
            } catch (IOException e) {
                return refuse(d, uploads, store.storageFailure(e));
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
                previous = manifests.previous();
                changes = Intake.rollback(manifests.committed(), previous, boot.versions());
            } catch (DamagedFileException e) {
                throw new Refusal(Refusal.CONFLICT, e.getMessage() + "; there is no intact set to roll back to");
            }
            Deployment d = new Deployment(journal.nextId(), Deployment.Kind.ROLLBACK, true);
            changes.forEach(d::add);
            try {
                transitions.enter(d, DeploymentState.RECEIVED, null);
                transitions.enter(d, DeploymentState.VERIFIED, null);
                install(d, new DeploymentManifest(d.id(), previous.orElseThrow().bundles()));
            } catch (Refusal refusal) {
                return refuse(d, List.of(), refusal);
            } catch (IOException e) {
                return refuse(d, List.of(), store.storageFailure(e));
            }
            return new Submitted(d, 202);
        });
    }

    Optional<Deployment> find(String id) throws IOException {
        return journal.find(id);
    }

    List<Deployment> history() throws IOException {
        return journal.all();
    }

    Optional<Deployment> current() {
        return Optional.ofNullable(run.get()).map(r -> r.deployment);
    }

    /** Seconds of probation left, or -1 outside probation. */
    long probationSecondsLeft() {
        return Probation.secondsLeft(run.get());
    }

    DeploymentManifest committed() throws IOException {
        return manifests.committed();
    }

    Optional<DeploymentManifest> previous() throws IOException {
        return manifests.previous();
    }

    /** Why pushes are refused before their content is even read; null when a trust store is in place. */
    String verifierProblem() {
        return admission.problem();
    }

    Optional<Deployment> lastEnded() {
        return transitions.lastEnded();
    }

    Transitions.Stats stats() {
        return transitions.stats();
    }

    /**
     * What is wrong with the agent's storage: damaged files kept aside in its folders, and a push refused
     * for a full disk while there is still no room for it. Empty when nothing is.
     */
    List<String> storageProblems() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path dir : List.of(layout.dir(), layout.dir().resolve("deployments"))) {
            for (Path aside : CheckedFiles.quarantined(dir)) {
                problems.add("damaged state kept aside: " + aside
                        + " (see the log for what replaced it; delete it once " + "looked at)");
            }
        }
        long refused = lastRefusedForSpace;
        if (refused > 0 && FreeSpace.usable(layout.dir()) < refused + ArtifactStore.MARGIN_BYTES) {
            problems.add(FreeSpace.diskFull(layout.dir().getParent()) + "; the last push (" + FreeSpace.bytes(refused)
                    + ") was refused for lack of room");
        }
        return problems;
    }

    // ---------------------------------------------------------------- on the worker

    private void install(Deployment d, DeploymentManifest target) throws Refusal, IOException {
        Run r = switcher.install(d, target);
        try {
            transitions.enter(d, DeploymentState.INSTALLED, null);
        } catch (IOException e) {
            switcher.removeGreens(r);
            throw e;
        }
        run.set(r);
        worker.execute(() -> switchOver(r));
    }

    private void switchOver(Run r) {
        try {
            if (r.trial) {
                settlement.bootOnTrial(r);
                return;
            }
            transitions.enter(r.deployment, DeploymentState.SWITCHING, null);
            long start = System.nanoTime();
            String failed = switcher.switchOver(r);
            if (failed != null) {
                settlement.rollBack(r, failed);
                return;
            }
            transitions.tookToSwitch((System.nanoTime() - start) / 1_000_000);
            probation.start(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BundleException | IOException | RuntimeException e) {
            settlement.rollBack(r, "the switch failed: " + e);
        }
    }

    /** A trial booted for this agent: judged like any other deployment. */
    private void resume(Run r) {
        run.set(r);
        try {
            probation.start(r);
        } catch (IOException e) {
            settlement.rollBack(r, "probation could not start: " + e);
        }
    }

    private void busyCheck(List<ArtifactStore.Received> uploads) throws Refusal, IOException {
        Run r = run.get();
        if (r != null) {
            store.discard(uploads);
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
            store.discard(uploads);
            transitions.enter(d, DeploymentState.REFUSED, refusal.getMessage());
            store.retainOnly(manifests.referencedArtifacts());
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
        Bundle bundle = bundles.running(symbolicName);
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
