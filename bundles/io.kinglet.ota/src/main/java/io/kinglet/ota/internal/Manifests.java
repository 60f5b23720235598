package io.kinglet.ota.internal;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the manifests the launcher boots from (see {@link OtaLayout}): it is their only
 * writer, and every write is atomic and durable.
 */
final class Manifests {

    private static final Logger LOG = LoggerFactory.getLogger(Manifests.class);

    /** Runs between staging the new committed manifest and renaming it into place. */
    interface Step {
        void run() throws IOException;
    }

    private final OtaLayout layout;

    Manifests(OtaLayout layout) {
        this.layout = layout;
    }

    DeploymentManifest committed() throws IOException {
        return DeploymentManifest.read(layout.committed());
    }

    Optional<DeploymentManifest> previous() throws IOException {
        return read(layout.previous());
    }

    /** The set a trial boot runs, once booted: the one the new agent must judge. */
    Optional<DeploymentManifest> bootedTrial() throws IOException {
        return Files.exists(layout.trialBooted()) ? read(layout.trial()) : Optional.empty();
    }

    /**
     * Makes {@code target} the committed set: the current one becomes the previous, the new one is
     * staged (written and synced beside the manifest), {@code staged} runs, then the rename puts it
     * in place. A crash before the rename leaves the old set committed.
     */
    void commit(DeploymentManifest target, Step staged) throws IOException {
        committed().write(layout.previous());
        Path temp = target.stage(layout.committed());
        staged.run();
        AtomicFiles.rename(temp, layout.committed());
    }

    /** The set the launcher boots once, on trial, at the next start. */
    void writeTrial(DeploymentManifest trial) throws IOException {
        trial.write(layout.trial());
    }

    /** The trial is over (committed or abandoned): the launcher boots the committed set again. */
    void endTrial() throws IOException {
        AtomicFiles.delete(layout.trial());
        AtomicFiles.delete(layout.trialBooted());
    }

    /**
     * The deployment whose trial the launcher reverted at this start, if any; reading it consumes it.
     * An unreadable one is dropped with a warning (the deployment is then finished as interrupted).
     */
    Optional<String> takeRevertedTrial() throws IOException {
        if (!Files.exists(layout.trialReverted())) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeploymentManifest.read(layout.trialReverted()).deployment());
        } catch (IOException e) {
            LOG.warn(
                    "OTA: the reverted trial set {} is unreadable ({}); removed",
                    layout.trialReverted(),
                    e.getMessage());
            return Optional.empty();
        } finally {
            AtomicFiles.delete(layout.trialReverted());
        }
    }

    /** The artifacts a manifest still names: the store keeps exactly these. */
    Set<String> referencedArtifacts() throws IOException {
        Set<String> keep = new HashSet<>();
        for (Path file : List.of(layout.committed(), layout.previous(), layout.trial())) {
            DeploymentManifest.read(file).bundles().values().forEach(a -> keep.add(a.sha256()));
        }
        return keep;
    }

    private static Optional<DeploymentManifest> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(DeploymentManifest.read(file)) : Optional.empty();
    }
}
