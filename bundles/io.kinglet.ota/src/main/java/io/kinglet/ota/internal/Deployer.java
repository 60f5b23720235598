package io.kinglet.ota.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
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

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.BootBundles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.FrameworkRestart;
import io.kinglet.boot.KingletDirectories;
import io.kinglet.boot.OtaLayout;
import io.kinglet.health.api.HealthTags;
import io.kinglet.ota.api.DeploymentState;
import jakarta.json.spi.JsonProvider;

/**
 * The OTA agent: takes a deployment from upload to committed or rolled back.
 *
 * <p>Verification runs while the pusher waits, so a refusal is its answer. Then, on the agent's own
 * thread: green is installed beside blue and resolved without wiring to blue, blue is uninstalled and
 * green started, and for the probation window green's components, its capability's health checks and
 * every critical check must pass. Commit replaces the committed manifest atomically; rollback
 * reinstalls blue from the same bytes and removes green. A deployment that contains the agent itself
 * cannot swap the agent under its own feet: it is booted once on trial (a framework restart) and the
 * new agent commits it, or the launcher reverts it.
 */
@Component(service = Deployer.class, immediate = true, configurationPid = Deployer.PID)
@Designate(ocd = OtaConfiguration.class)
public class Deployer {

    static final String PID = "io.kinglet.ota";
    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);
    private static final String NONE = "none";

    /** A deployment accepted or refused: the record and the HTTP status that tells the pusher. */
    record Submitted(Deployment deployment, int status) {
    }

    /** Figures for /metrics and the status views. */
    record Stats(long committed, long rolledBack, long refused, long lastSwitchMillis, long lastRollbackMillis,
            long lastCommitMillis) {
    }

    /** A deployment between install and its end, as the framework sees it. */
    private static final class Run {
        final Deployment deployment;
        final DeploymentManifest target;
        final List<Bundle> greens = new ArrayList<>();
        final List<Bundle> blues = new ArrayList<>();
        /** Blue's and green's start levels (green takes blue's); blue's is needed again on rollback. */
        final Map<Bundle, Integer> startLevels = new HashMap<>();
        final Set<String> tags = new LinkedHashSet<>(List.of(HealthTags.CRITICAL));
        final boolean trial;
        Instant probationEnds;
        long verdictNanos;

        Run(Deployment deployment, DeploymentManifest target, boolean trial) {
            this.deployment = deployment;
            this.target = target;
            this.trial = trial;
        }
    }

    private final BundleContext context;
    private final OtaLayout layout;
    private final Path configDir;
    private final ArtifactStore store;
    private final Journal journal;
    private final ProbationJudge judge;
    private final BootBundles boot;
    private final FrameworkRestart restart;
    private final BundleOperations bundles;
    private final RetiredBundles retired = new RetiredBundles();
    private final ServiceRegistration<ResolverHookFactory> hook;
    private final ScheduledExecutorService worker;
    private final Transitions transitions;
    private volatile long lastSwitchMillis = -1;
    private volatile long lastRollbackMillis = -1;
    private volatile long lastCommitMillis = -1;
    private volatile OtaConfiguration config;
    private volatile ArtifactVerifier verifier;
    private volatile String verifierProblem;
    private volatile ApiToken token;
    /** Only the worker thread changes it. */
    private volatile Run run;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Activate
    public Deployer(BundleContext context, OtaConfiguration config, @Reference HealthCheckExecutor health,
            @Reference ServiceComponentRuntime components, @Reference BootBundles boot,
            @Reference JsonProvider json, @Reference FrameworkRestart restart) throws IOException {
        this.context = context;
        this.boot = boot;
        this.restart = restart;
        this.layout = OtaLayout.under(KingletDirectories.state(context));
        this.configDir = KingletDirectories.config(context);
        this.store = new ArtifactStore(layout);
        int stale = store.clearIncoming();
        if (stale > 0) {
            LOG.info("OTA: removed {} partial upload(s) an earlier stop interrupted", stale);
        }
        // JSON-P's provider is found through SPI Fly, which has it only once Parsson is active: the
        // reference makes the agent wait for it, and the journal reads through it.
        this.journal = new Journal(layout.dir().resolve("deployments"), config.historySize(), json);
        this.transitions = new Transitions(journal, () -> events);
        this.judge = new ProbationJudge(health, components);
        this.bundles = new BundleOperations(context);
        this.hook = context.registerService(ResolverHookFactory.class, retired, null);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "kinglet-ota"));
        modified(config);
        worker.execute(this::recover);
    }

    @Modified
    void modified(OtaConfiguration config) throws IOException {
        this.config = config;
        this.token = ApiToken.resolve(config.token(), layout.dir().resolve("token"));
        if (config.trustedCertificates().isBlank()) {
            verifier = new ArtifactVerifier(List.of());
            verifierProblem = "no trustedCertificates configured";
        } else {
            Path pem = configDir.resolve(config.trustedCertificates());
            try {
                verifier = new ArtifactVerifier(ArtifactVerifier.loadCertificates(pem));
                verifierProblem = null;
            } catch (IOException | GeneralSecurityException e) {
                verifier = new ArtifactVerifier(List.of());
                verifierProblem = "trustedCertificates " + pem + " unreadable: " + e.getMessage();
                LOG.error("OTA: {}; every artifact is refused until it is fixed", verifierProblem);
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        hook.unregister();
        Run abandoned = run;
        if (abandoned != null && !abandoned.deployment.trial()) {
            LOG.warn("OTA {}: stopped while {}; the next start boots the committed set", abandoned.deployment.id(),
                    abandoned.deployment.state().label());
        }
    }

    // ---------------------------------------------------------------- what the API and shell call

    boolean authorized(String authorizationHeader) {
        return token.matches(authorizationHeader);
    }

    long maxArtifactBytes() {
        return config.maxArtifactBytes();
    }

    ArtifactStore store() {
        return store;
    }

    /** Verifies and installs a pushed deployment; the rest of its life runs in the background. */
    Submitted push(List<ArtifactStore.Received> uploads, boolean downgrade) throws Refusal {
        return onWorker(() -> {
            busyCheck(uploads);
            Deployment d = new Deployment(journal.nextId(), Deployment.Kind.PUSH, downgrade);
            transitions.enter(d, DeploymentState.RECEIVED, null);
            try {
                return new Submitted(verifyAndInstall(d, uploads), 202);
            } catch (Refusal refusal) {
                store.discard(uploads);
                refuse(d, refusal);
                return new Submitted(d, refusal.status());
            }
        });
    }

    /** Reverts to the previous committed set, through the same switch and probation as a push. */
    Submitted rollback() throws Refusal {
        return onWorker(() -> {
            busyCheck(List.of());
            DeploymentManifest previous = previous()
                    .orElseThrow(() -> new Refusal(Refusal.CONFLICT, "there is no previous committed set to roll back to"));
            DeploymentManifest committed = committed();
            Deployment d = new Deployment(journal.nextId(), Deployment.Kind.ROLLBACK, true);
            Set<String> names = new LinkedHashSet<>(committed.bundles().keySet());
            names.addAll(previous.bundles().keySet());
            for (String name : names) {
                DeploymentManifest.Artifact before = previous.bundles().get(name);
                DeploymentManifest.Artifact now = committed.bundles().get(name);
                if (before != null && now != null && before.sha256().equals(now.sha256())) {
                    continue;
                }
                String running = now == null ? null : now.version();
                if (before != null) {
                    d.add(new Deployment.Change(name, before.version(), before.sha256(), running));
                } else if (boot.versions().containsKey(name)) {
                    d.add(new Deployment.Change(name, boot.versions().get(name), null, running));
                } else {
                    d.add(new Deployment.Change(name, NONE, null, running));
                }
            }
            if (d.changes().isEmpty()) {
                throw new Refusal(Refusal.CONFLICT, "the committed set already equals the previous one");
            }
            transitions.enter(d, DeploymentState.RECEIVED, null);
            transitions.enter(d, DeploymentState.VERIFIED, null);
            try {
                install(d, new DeploymentManifest(d.id(), previous.bundles()));
            } catch (Refusal refusal) {
                refuse(d, refusal);
                return new Submitted(d, refusal.status());
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
        Run r = run;
        return r == null ? Optional.empty() : Optional.of(r.deployment);
    }

    /** Seconds of probation left, or -1 outside probation. */
    long probationSecondsLeft() {
        Run r = run;
        if (r == null || r.probationEnds == null) {
            return -1;
        }
        return Math.max(0, Duration.between(Instant.now(), r.probationEnds).toSeconds());
    }

    DeploymentManifest committed() throws IOException {
        return DeploymentManifest.read(layout.committed());
    }

    Optional<DeploymentManifest> previous() throws IOException {
        return Files.exists(layout.previous()) ? Optional.of(DeploymentManifest.read(layout.previous())) : Optional.empty();
    }

    /** Why pushes are refused before their content is even read; null when a trust store is in place. */
    String verifierProblem() {
        return verifierProblem;
    }

    Optional<Deployment> lastEnded() {
        return transitions.lastEnded();
    }

    Stats stats() {
        return new Stats(transitions.committed(), transitions.rolledBack(), transitions.refused(), lastSwitchMillis,
                lastRollbackMillis, lastCommitMillis);
    }

    // ---------------------------------------------------------------- the procedure, on the worker

    private Deployment verifyAndInstall(Deployment d, List<ArtifactStore.Received> uploads) throws Refusal, IOException {
        if (uploads.isEmpty()) {
            throw new Refusal(Refusal.BAD_REQUEST, "the request carried no bundle");
        }
        List<ArtifactVerifier.Verified> verified = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ArtifactStore.Received upload : uploads) {
            ArtifactVerifier.Verified v = verifier.verify(upload);
            if (!names.add(v.symbolicName())) {
                throw new Refusal(Refusal.UNACCEPTABLE, v.symbolicName() + " appears twice in the deployment");
            }
            verified.add(v);
        }
        for (ArtifactVerifier.Verified v : verified) {
            Bundle blue = running(v.symbolicName());
            Deployment.Change change = new Deployment.Change(v.symbolicName(), v.version().toString(), v.sha256(),
                    blue == null ? null : blue.getVersion().toString());
            if (blue != null) {
                if (blue.getLocation().equals(change.location())) {
                    throw new Refusal(Refusal.CONFLICT, v.symbolicName() + " " + v.version() + " is already running (same content)");
                }
                if (v.version().compareTo(blue.getVersion()) <= 0 && !d.downgrade()) {
                    throw new Refusal(Refusal.CONFLICT, v.symbolicName() + " " + v.version() + " is not newer than the running "
                            + blue.getVersion() + "; push with ?downgrade=true (ota:install --downgrade) to install it anyway");
                }
            }
            d.add(change);
        }
        for (ArtifactStore.Received upload : uploads) {
            store.keep(upload);
        }
        transitions.enter(d, DeploymentState.VERIFIED, null);
        DeploymentManifest target = committed().with(d.id(), d.changes().stream().map(Deployment.Change::artifact).toList());
        install(d, target);
        return d;
    }

    /** Installs green beside blue and resolves it; refuses (removing green again) if it does not resolve. */
    private void install(Deployment d, DeploymentManifest target) throws Refusal, IOException {
        boolean includesAgent = d.changes().stream().anyMatch(c -> c.symbolicName().equals(context.getBundle().getSymbolicName()));
        Run r = new Run(d, target, includesAgent);
        try {
            for (Deployment.Change change : d.changes()) {
                Bundle blue = running(change.symbolicName());
                int startLevel;
                if (blue != null) {
                    startLevel = blue.adapt(BundleStartLevel.class).getStartLevel();
                    r.blues.add(blue);
                    r.startLevels.put(blue, startLevel);
                } else {
                    startLevel = boot.startLevel(change.symbolicName());
                }
                if (NONE.equals(change.version())) {
                    continue;
                }
                Bundle green = installGreen(change);
                r.greens.add(green);
                r.startLevels.put(green, startLevel);
                r.tags.addAll(healthTags(green));
            }
            retired.hide(ids(r.blues), ids(r.greens));
            String unresolved = bundles.resolve(r.greens);
            if (unresolved != null) {
                throw new Refusal(Refusal.UNACCEPTABLE, "the deployment does not resolve: " + unresolved);
            }
            String orphaned = bundles.orphaned(r.blues);
            if (orphaned != null) {
                throw new Refusal(Refusal.UNACCEPTABLE, "the deployment would leave running bundles unresolved: " + orphaned);
            }
        } catch (Refusal | RuntimeException e) {
            removeGreens(r);
            throw e;
        }
        run = r;
        transitions.enter(d, DeploymentState.INSTALLED, null);
        worker.execute(() -> switchOver(r));
    }

    private Bundle installGreen(Deployment.Change change) throws Refusal, IOException {
        try (InputStream in = open(change.location(), change.symbolicName())) {
            return bundles.install(change.location(), in);
        } catch (BundleException e) {
            throw new Refusal(Refusal.UNACCEPTABLE, change.symbolicName() + " " + change.version()
                    + ": the framework refuses its OSGi headers: " + e.getMessage());
        }
    }

    private void switchOver(Run r) {
        try {
            if (r.trial) {
                bootOnTrial(r);
                return;
            }
            long start = System.nanoTime();
            // Blue goes now, not at commit: a stopped bundle left installed would fail the
            // "bundles started" check, and its bytes stay in the store (or kinglet.jar) for a rollback.
            for (Bundle blue : r.blues) {
                blue.uninstall();
            }
            retired.clear();
            for (Bundle green : r.greens) {
                green.adapt(BundleStartLevel.class).setStartLevel(r.startLevels.get(green));
                if (!BundleOperations.fragment(green)) {
                    try {
                        green.start();
                    } catch (BundleException e) {
                        rollBack(r, "bundle " + ProbationJudge.name(green) + " did not start: " + e.getMessage());
                        return;
                    }
                }
            }
            lastSwitchMillis = (System.nanoTime() - start) / 1_000_000;
            // blue's removal, and consumers of its packages rewired to green's: now, not at commit
            bundles.refresh(r.blues);
            startProbation(r);
        } catch (BundleException | IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            rollBack(r, "the switch failed: " + e);
        }
    }

    private void startProbation(Run r) throws IOException {
        r.probationEnds = Instant.now().plusSeconds(config.probationSeconds());
        transitions.enter(r.deployment, DeploymentState.PROBATION, null);
        LOG.info("OTA {}: on probation for {} s, health checks tagged {}", r.deployment.id(), config.probationSeconds(), r.tags);
        worker.schedule(() -> probe(r), config.probationIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe(Run r) {
        if (run != r) {
            return;
        }
        boolean last = !Instant.now().isBefore(r.probationEnds);
        ProbationJudge.Verdict verdict;
        try {
            verdict = judge.judge(r.greens, r.tags, last);
        } catch (RuntimeException e) {
            verdict = new ProbationJudge.Verdict("the health checks could not run: " + e);
        }
        r.verdictNanos = System.nanoTime();
        if (verdict.failed()) {
            rollBack(r, verdict.reason());
        } else if (last) {
            commit(r);
        } else {
            worker.schedule(() -> probe(r), config.probationIntervalMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void commit(Run r) {
        try {
            DeploymentManifest committed = committed();
            committed.write(layout.previous());
            r.target.write(layout.committed());
            if (r.trial) {
                AtomicFiles.delete(layout.trial());
                AtomicFiles.delete(layout.trialBooted());
            }
            lastCommitMillis = (System.nanoTime() - r.verdictNanos) / 1_000_000;
            run = null;
            transitions.enter(r.deployment, DeploymentState.COMMITTED, null);
            store.retainOnly(referenced());
        } catch (IOException | RuntimeException e) {
            // The manifest decides: if it was written the next start runs green, otherwise blue.
            LOG.error("OTA {}: commit failed: {}; the next start boots whatever the committed manifest says",
                    r.deployment.id(), e.toString());
        }
    }

    private void rollBack(Run r, String reason) {
        long start = r.verdictNanos == 0 ? System.nanoTime() : r.verdictNanos;
        LOG.warn("OTA {}: rolling back: {}", r.deployment.id(), reason);
        try {
            if (r.trial) {
                run = null;
                transitions.enter(r.deployment, DeploymentState.ROLLED_BACK, reason);
                AtomicFiles.delete(layout.trial());
                restart.restart("OTA " + r.deployment.id() + " rolled back on trial; booting the committed set");
                return;
            }
            // blue is back before green goes, so the refresh of green's removal rewires green's
            // consumers to blue instead of leaving them unresolved
            List<Bundle> restored = new ArrayList<>();
            for (Bundle blue : r.blues) {
                restored.add(reinstall(blue, r.startLevels.get(blue)));
            }
            removeGreens(r);
            for (Bundle blue : restored) {
                if (!BundleOperations.fragment(blue)) {
                    blue.start();
                }
            }
            lastRollbackMillis = (System.nanoTime() - start) / 1_000_000;
            run = null;
            transitions.enter(r.deployment, DeploymentState.ROLLED_BACK, reason);
            store.retainOnly(referenced());
        } catch (IOException | BundleException | RuntimeException e) {
            LOG.error("OTA {}: rollback failed: {}; the next start boots the committed set", r.deployment.id(), e.toString());
        }
    }

    /** An update of the agent itself: boot the whole target set once, on trial; the new agent decides. */
    private void bootOnTrial(Run r) throws IOException {
        removeGreens(r);
        r.deployment.markTrial();
        journal.save(r.deployment);
        r.target.write(layout.trial());
        restart.restart("OTA " + r.deployment.id() + " updates the OTA agent itself; booting it on trial");
    }

    /** Blue again, not yet started, from the same bytes at the same location: the store's artifact or the embedded jar. */
    private Bundle reinstall(Bundle blue, int startLevel) throws IOException, BundleException {
        String location = blue.getLocation();
        Bundle again;
        try (InputStream in = open(location, blue.getSymbolicName())) {
            again = bundles.install(location, in);
        }
        again.adapt(BundleStartLevel.class).setStartLevel(startLevel);
        return again;
    }

    /** The bytes behind a managed location: {@code kinglet:ota/<sha256>} from the store, else the embedded jar. */
    private InputStream open(String location, String symbolicName) throws IOException {
        if (location.startsWith(OtaLayout.STORE_LOCATION_PREFIX)) {
            return Files.newInputStream(layout.artifact(location.substring(OtaLayout.STORE_LOCATION_PREFIX.length())));
        }
        return boot.open(symbolicName);
    }

    private void removeGreens(Run r) {
        for (Bundle green : r.greens) {
            try {
                green.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("OTA {}: could not uninstall {}: {}", r.deployment.id(), green.getLocation(), e.getMessage());
            }
        }
        try {
            bundles.refresh(r.greens);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retired.clear();
    }

    /** After a start: finish what a restart interrupted, from the manifests and the journal. */
    private void recover() {
        try {
            DeploymentManifest committed = committed();
            Deployment trial = null;
            if (Files.exists(layout.trialBooted()) && Files.exists(layout.trial())) {
                DeploymentManifest manifest = DeploymentManifest.read(layout.trial());
                trial = journal.find(manifest.deployment()).filter(d -> !d.state().isFinal()).orElse(null);
                if (trial != null) {
                    resumeTrial(trial, manifest);
                }
            }
            if (Files.exists(layout.trialReverted())) {
                String id = DeploymentManifest.read(layout.trialReverted()).deployment();
                Optional<Deployment> reverted = journal.find(id).filter(d -> !d.state().isFinal());
                if (reverted.isPresent()) {
                    finishInterrupted(reverted.get(), committed, "the trial boot of the new set never committed (the new "
                            + "OTA agent crashed, hung or did not start); the launcher booted the committed set");
                }
                AtomicFiles.delete(layout.trialReverted());
            }
            List<Deployment> history = journal.all();
            for (Deployment d : history) {
                if (!d.state().isFinal() && (trial == null || !trial.id().equals(d.id()))) {
                    finishInterrupted(d, committed, "interrupted by a restart while " + d.state().label()
                            + "; the committed set was booted");
                }
            }
            history.stream().filter(d -> d.state() == DeploymentState.COMMITTED || d.state() == DeploymentState.ROLLED_BACK)
                    .findFirst().ifPresent(transitions::rememberLastEnded);
            store.retainOnly(referenced());
        } catch (IOException | RuntimeException e) {
            LOG.error("OTA: recovery after start failed: {}", e.toString());
        }
    }

    private void finishInterrupted(Deployment d, DeploymentManifest committed, String reason) throws IOException {
        if (d.id().equals(committed.deployment())) {
            transitions.enter(d, DeploymentState.COMMITTED, null);
        } else {
            transitions.enter(d, DeploymentState.ROLLED_BACK, reason);
        }
    }

    private void resumeTrial(Deployment d, DeploymentManifest manifest) throws IOException {
        Run r = new Run(d, manifest, true);
        for (Deployment.Change change : d.changes()) {
            Bundle green = bundles.byLocation(change.location());
            if (green != null) {
                r.greens.add(green);
                r.tags.addAll(healthTags(green));
            }
        }
        run = r;
        LOG.info("OTA {}: booted on trial by the new agent", d.id());
        startProbation(r);
    }

    // ---------------------------------------------------------------- helpers

    private void busyCheck(List<ArtifactStore.Received> uploads) throws Refusal, IOException {
        Run r = run;
        if (r != null) {
            store.discard(uploads);
            throw new Refusal(Refusal.CONFLICT, "deployment " + r.deployment.id() + " is " + r.deployment.state().label()
                    + "; wait until it ends, or roll it back");
        }
    }

    private void refuse(Deployment d, Refusal refusal) throws IOException {
        transitions.enter(d, DeploymentState.REFUSED, refusal.getMessage());
        store.retainOnly(referenced());
    }

    /** The bundle now running for a symbolic name (the active one of a pair), or null. */
    private Bundle running(String symbolicName) {
        Bundle found = null;
        for (Bundle bundle : bundles.managed(symbolicName)) {
            if (found == null || bundle.getState() == Bundle.ACTIVE) {
                found = bundle;
            }
        }
        return found;
    }

    private Set<String> referenced() throws IOException {
        Set<String> keep = new HashSet<>();
        for (Path file : List.of(layout.committed(), layout.previous(), layout.trial())) {
            DeploymentManifest.read(file).bundles().values().forEach(a -> keep.add(a.sha256()));
        }
        Run r = run;
        if (r != null) {
            r.deployment.changes().stream().filter(c -> c.sha256() != null).forEach(c -> keep.add(c.sha256()));
        }
        return keep;
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

    private static List<String> healthTags(Bundle bundle) {
        return ArtifactVerifier.healthTags(bundle.getSymbolicName(),
                bundle.getHeaders("").get(ArtifactVerifier.HEALTH_TAGS_HEADER));
    }

    private static Set<Long> ids(List<Bundle> list) {
        Set<Long> ids = new HashSet<>();
        list.forEach(b -> ids.add(b.getBundleId()));
        return ids;
    }
}
