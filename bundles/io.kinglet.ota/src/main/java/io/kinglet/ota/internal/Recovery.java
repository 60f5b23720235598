package io.kinglet.ota.internal;

import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.FrameworkRestart;
import io.kinglet.ota.api.DeploymentState;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the agent starts: finishes, from the manifests and the journal, whatever a stop interrupted,
 * so the journal never contradicts what runs. A trial set booted for this agent is resumed on
 * probation; any other unfinished deployment ended with the set the launcher booted: committed if
 * the committed manifest names it, else rolled back. If the framework still holds part of one (the
 * agent was stopped and started without a framework restart), a restart boots the committed set.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final Manifests manifests;
    private final Journal journal;
    private final Transitions transitions;
    private final BundleOperations bundles;
    private final FrameworkRestart restart;
    private final Consumer<Run> resume;

    Recovery(
            Manifests manifests,
            Journal journal,
            Transitions transitions,
            BundleOperations bundles,
            FrameworkRestart restart,
            Consumer<Run> resume) {
        this.manifests = manifests;
        this.journal = journal;
        this.transitions = transitions;
        this.bundles = bundles;
        this.restart = restart;
        this.resume = resume;
    }

    void recover() throws IOException {
        DeploymentManifest committed = manifests.committed();
        Deployment trial = null;
        Optional<DeploymentManifest> booted = manifests.bootedTrial();
        if (booted.isPresent()) {
            trial = journal.find(booted.get().deployment())
                    .filter(d -> !d.state().isFinal())
                    .orElse(null);
            if (trial != null) {
                resumeTrial(trial, booted.get());
            }
        }
        Optional<String> reverted = manifests.takeRevertedTrial();
        if (reverted.isPresent()) {
            Optional<Deployment> d =
                    journal.find(reverted.get()).filter(x -> !x.state().isFinal());
            if (d.isPresent()) {
                finish(
                        d.get(),
                        committed,
                        "the trial boot of the new set never committed (the new OTA agent crashed, "
                                + "hung or did not start); the launcher booted the committed set");
            }
        }
        boolean partly = false;
        List<Deployment> history = journal.all();
        for (Deployment d : history) {
            if (d.state().isFinal() || (trial != null && trial.id().equals(d.id()))) {
                continue;
            }
            if (!d.id().equals(committed.deployment()) && installed(d)) {
                partly = true;
                finish(
                        d,
                        committed,
                        "interrupted while " + d.state().label() + " by a stop of the OTA agent; "
                                + "the framework restarts into the committed set");
            } else {
                finish(
                        d,
                        committed,
                        "interrupted by a restart while " + d.state().label() + "; the committed set was booted");
            }
        }
        history.stream()
                .filter(d -> d.state() == DeploymentState.COMMITTED || d.state() == DeploymentState.ROLLED_BACK)
                .findFirst()
                .ifPresent(transitions::rememberLastEnded);
        if (partly) {
            restart.restart("a deployment was left part-way when the OTA agent stopped");
        }
    }

    private void resumeTrial(Deployment d, DeploymentManifest manifest) {
        Run r = new Run(d, manifest, true);
        for (Deployment.Change change : d.changes()) {
            Bundle green = bundles.byLocation(change.location());
            if (green != null) {
                r.greens.add(green);
                r.tags.addAll(BundleOperations.healthTags(green));
            }
        }
        LOG.info("OTA {}: booted on trial by the new agent", d.id());
        resume.accept(r);
    }

    /** Whether any of the deployment's new bundles is installed. */
    private boolean installed(Deployment d) {
        return d.changes().stream()
                .filter(c -> !Intake.NONE.equals(c.version()))
                .anyMatch(c -> bundles.byLocation(c.location()) != null);
    }

    private void finish(Deployment d, DeploymentManifest committed, String reason) throws IOException {
        if (d.id().equals(committed.deployment())) {
            transitions.enter(d, DeploymentState.COMMITTED, null);
        } else {
            transitions.enter(d, DeploymentState.ROLLED_BACK, reason);
        }
    }
}
