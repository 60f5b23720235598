package io.kinglet.ota.internal;

import io.kinglet.boot.FrameworkRestart;
import io.kinglet.ota.api.DeploymentState;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a deployment ends once green runs: committed (the manifest replaced atomically) or rolled back
 * (blue restored in place, or for a trial, a restart into the committed set). A trial starts here
 * too: the new set is booted by a framework restart, and the agent that then runs judges it.
 */
final class Settlement {

    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final Manifests manifests;
    private final Transitions transitions;
    private final Switcher switcher;
    private final ArtifactStore store;
    private final FrameworkRestart restart;
    private final AtomicReference<Run> current;

    Settlement(
            Manifests manifests,
            Transitions transitions,
            Switcher switcher,
            ArtifactStore store,
            FrameworkRestart restart,
            AtomicReference<Run> current) {
        this.manifests = manifests;
        this.transitions = transitions;
        this.switcher = switcher;
        this.store = store;
        this.restart = restart;
        this.current = current;
    }

    /** A deployment the agent cannot switch under itself: the whole target set is booted once, on trial. */
    void bootOnTrial(Run r) throws IOException {
        switcher.removeGreens(r);
        r.deployment.markTrial();
        manifests.writeTrial(r.target);
        transitions.enter(r.deployment, DeploymentState.SWITCHING, null);
        restart.restart(
                "OTA " + r.deployment.id() + " cannot be switched under the OTA agent; booting the new set on trial");
    }

    void commit(Run r) {
        try {
            manifests.commit(r.target, () -> transitions.enter(r.deployment, DeploymentState.COMMITTING, null));
            if (r.trial) {
                manifests.endTrial();
            }
            transitions.tookToCommit((System.nanoTime() - r.verdictNanos) / 1_000_000);
            current.set(null);
            transitions.enter(r.deployment, DeploymentState.COMMITTED, null);
            store.retainOnly(manifests.referencedArtifacts());
        } catch (IOException | RuntimeException e) {
            // The manifest decides: if it was renamed into place the restart runs green, otherwise blue,
            // and the agent that then starts finishes the journal to match.
            LOG.error(
                    "OTA {}: commit failed: {}; restarting into whatever the committed manifest says",
                    r.deployment.id(),
                    e.toString());
            restart.restart("OTA " + r.deployment.id() + " could not be committed");
        }
    }

    void rollBack(Run r, String reason) {
        long start = r.verdictNanos == 0 ? System.nanoTime() : r.verdictNanos;
        LOG.warn("OTA {}: rolling back: {}", r.deployment.id(), reason);
        try {
            if (r.trial) {
                current.set(null);
                transitions.enter(r.deployment, DeploymentState.ROLLED_BACK, reason);
                manifests.endTrial();
                restart.restart("OTA " + r.deployment.id() + " rolled back on trial; booting the committed set");
                return;
            }
            switcher.restore(r);
            transitions.tookToRollBack((System.nanoTime() - start) / 1_000_000);
            current.set(null);
            transitions.enter(r.deployment, DeploymentState.ROLLED_BACK, reason);
            store.retainOnly(manifests.referencedArtifacts());
        } catch (IOException | BundleException | RuntimeException e) {
            LOG.error(
                    "OTA {}: rollback failed: {}; restarting into the committed set", r.deployment.id(), e.toString());
            restart.restart("OTA " + r.deployment.id() + " could not be rolled back in place");
        }
    }
}
