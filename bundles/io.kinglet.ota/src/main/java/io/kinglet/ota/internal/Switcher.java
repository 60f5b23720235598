package io.kinglet.ota.internal;

import io.kinglet.boot.BootBundles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a deployment's bundles in place and takes them out again: green installed and resolved beside
 * blue (never wired to it), the switch from blue to green, and the way back.
 */
final class Switcher {

    private static final Logger LOG = LoggerFactory.getLogger(Switcher.class);

    private final BundleOperations bundles;
    private final RetiredBundles retired;
    private final BootBundles boot;
    private final OtaLayout layout;
    private final Bundle agent;

    Switcher(BundleOperations bundles, RetiredBundles retired, BootBundles boot, OtaLayout layout, Bundle agent) {
        this.bundles = bundles;
        this.retired = retired;
        this.boot = boot;
        this.layout = layout;
        this.agent = agent;
    }

    /**
     * Installs green beside blue and resolves it, and decides how the switch is made: in place, or on
     * trial when it would disturb the agent. Refuses (removing green again) when green does not
     * resolve or its switch would leave a running bundle unresolved.
     */
    Run install(Deployment d, DeploymentManifest target) throws Refusal, IOException {
        Run r = new Run(d, target, false);
        try {
            for (Deployment.Change change : d.changes()) {
                Bundle blue = bundles.running(change.symbolicName());
                int startLevel;
                if (blue != null) {
                    startLevel = blue.adapt(BundleStartLevel.class).getStartLevel();
                    r.blues.add(blue);
                    r.startLevels.put(blue, startLevel);
                } else {
                    startLevel = boot.startLevel(change.symbolicName());
                }
                if (Intake.NONE.equals(change.version())) {
                    continue;
                }
                Bundle green = installGreen(change);
                r.greens.add(green);
                r.startLevels.put(green, startLevel);
                r.tags.addAll(BundleOperations.healthTags(green));
            }
            retired.hide(ids(r.blues), ids(r.greens));
            String unresolved = bundles.resolve(r.greens);
            if (unresolved != null) {
                throw new Refusal(Refusal.UNACCEPTABLE, "the deployment does not resolve: " + unresolved);
            }
            String orphaned = bundles.orphaned(r.blues);
            if (orphaned != null) {
                throw new Refusal(
                        Refusal.UNACCEPTABLE, "the deployment would leave running bundles unresolved: " + orphaned);
            }
        } catch (Refusal | RuntimeException e) {
            removeGreens(r);
            throw e;
        }
        RefreshPlan plan = bundles.plan(r.blues, agent);
        d.restarts(plan.restarted());
        r.trial = plan.disturbsAgent();
        if (r.trial) {
            LOG.info(
                    "OTA {}: switching in place would disturb the OTA agent: {}; the new set is booted on trial",
                    d.id(),
                    plan.agentDisturbed());
        }
        return r;
    }

    /**
     * Blue out, green started at blue's start level, then blue's removal refreshed (its consumers move
     * to green). Returns null, or why a green bundle did not start (nothing is refreshed then).
     */
    String switchOver(Run r) throws BundleException, InterruptedException {
        // Blue goes now, not at commit: a stopped bundle left installed would fail the "bundles
        // started" check, and its bytes stay in the store (or kinglet.jar) for a rollback.
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
                    return "bundle " + ProbationJudge.name(green) + " did not start: " + e.getMessage();
                }
            }
        }
        bundles.refresh(r.blues);
        return null;
    }

    /**
     * Blue back, from the same bytes at the same location, before green goes: the refresh of green's
     * removal then rewires green's consumers to blue instead of leaving them unresolved.
     */
    void restore(Run r) throws IOException, BundleException {
        List<Bundle> restored = new ArrayList<>();
        for (Bundle blue : r.blues) {
            Bundle again;
            try (InputStream in = open(blue.getLocation(), blue.getSymbolicName())) {
                again = bundles.install(blue.getLocation(), in);
            }
            again.adapt(BundleStartLevel.class).setStartLevel(r.startLevels.get(blue));
            restored.add(again);
        }
        removeGreens(r);
        for (Bundle blue : restored) {
            if (!BundleOperations.fragment(blue)) {
                blue.start();
            }
        }
    }

    /** Uninstalls green and refreshes its removal; a green already gone is skipped. */
    void removeGreens(Run r) {
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

    private Bundle installGreen(Deployment.Change change) throws Refusal, IOException {
        try (InputStream in = open(change.location(), change.symbolicName())) {
            return bundles.install(change.location(), in);
        } catch (BundleException e) {
            throw new Refusal(
                    Refusal.UNACCEPTABLE,
                    change.symbolicName() + " " + change.version() + ": the framework refuses its OSGi headers: "
                            + e.getMessage());
        }
    }

    /** The bytes behind a managed location: {@code kinglet:ota/<sha256>} from the store, else the embedded jar. */
    private InputStream open(String location, String symbolicName) throws IOException {
        if (location.startsWith(OtaLayout.STORE_LOCATION_PREFIX)) {
            return Files.newInputStream(layout.artifact(location.substring(OtaLayout.STORE_LOCATION_PREFIX.length())));
        }
        return boot.open(symbolicName);
    }

    private static Set<Long> ids(List<Bundle> list) {
        Set<Long> ids = new HashSet<>();
        list.forEach(b -> ids.add(b.getBundleId()));
        return ids;
    }
}
