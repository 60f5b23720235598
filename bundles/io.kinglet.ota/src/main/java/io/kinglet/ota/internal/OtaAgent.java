package io.kinglet.ota.internal;

import io.kinglet.boot.BootBundles;
import io.kinglet.boot.CheckedFiles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.FrameworkRestart;
import io.kinglet.boot.FreeSpace;
import io.kinglet.boot.KingletDirectories;
import io.kinglet.boot.OtaLayout;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.BundleContext;
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
 * own worker thread ({@link Submissions}): green installed beside blue ({@link Switcher}), switched in
 * or booted on trial, judged over the soak window ({@link Probation}), committed or rolled back
 * ({@link Settlement}). At every start {@link Recovery} finishes what a stop interrupted. This class
 * wires them, holds the configuration, and answers the HTTP API, the shell and monitoring.
 */
@Component(service = OtaAgent.class, immediate = true, configurationPid = OtaAgent.PID)
@Designate(ocd = OtaConfiguration.class)
public class OtaAgent {

    static final String PID = "io.kinglet.ota";
    private static final Logger LOG = LoggerFactory.getLogger(OtaAgent.class);

    private final OtaLayout layout;
    private final ArtifactStore store;
    private final Journal journal;
    private final Manifests manifests;
    private final Transitions transitions;
    private final Submissions submissions;
    private final Path configDir;
    private final Path tokenFile;
    private final ServiceRegistration<ResolverHookFactory> hook;
    private final ScheduledExecutorService worker;
    private final AtomicReference<Run> run = new AtomicReference<>();
    private volatile OtaConfiguration config;
    private volatile Admission admission;

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
        BundleOperations bundles = new BundleOperations(context);
        RetiredBundles retired = new RetiredBundles();
        Switcher switcher = new Switcher(bundles, retired, boot, layout, context.getBundle());
        Settlement settlement = new Settlement(manifests, transitions, switcher, store, restart, run);
        ProbationJudge judge = new ProbationJudge(health, components);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "kinglet-ota"));
        Probation probation = new Probation(
                worker,
                (r, last) -> judge.judge(r.greens, r.tags, last),
                transitions,
                () -> new Probation.Window(this.config.probationSeconds(), this.config.probationIntervalMillis()),
                run::get,
                settlement::commit,
                settlement::rollBack);
        this.hook = context.registerService(ResolverHookFactory.class, retired, null);
        modified(config);
        this.submissions = new Submissions(
                new Submissions.Parts(
                        store, journal, manifests, boot, bundles, transitions, switcher, probation, settlement),
                worker,
                run,
                () -> admission);
        Recovery recovery = new Recovery(manifests, journal, transitions, bundles, restart, submissions::resume);
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
        return submissions.receive(in);
    }

    /** Deletes uploads a failed request leaves behind. */
    void discard(List<ArtifactStore.Received> uploads) throws IOException {
        store.discard(uploads);
    }

    /** Verifies and installs a pushed deployment; the rest of its life runs in the background. */
    Submissions.Submitted push(List<ArtifactStore.Received> uploads, boolean downgrade) throws Refusal {
        return submissions.push(uploads, downgrade);
    }

    /** Reverts to the previous committed set, through the same switch and probation as a push. */
    Submissions.Submitted rollback() throws Refusal {
        return submissions.rollback();
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

    long maxArtifactBytes() {
        return admission.maxArtifactBytes();
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
        long refused = submissions.refusedForSpace();
        if (refused > 0 && FreeSpace.usable(layout.dir()) < refused + ArtifactStore.MARGIN_BYTES) {
            problems.add(FreeSpace.diskFull(layout.dir().getParent()) + "; the last push (" + FreeSpace.bytes(refused)
                    + ") was refused for lack of room");
        }
        return problems;
    }
}
