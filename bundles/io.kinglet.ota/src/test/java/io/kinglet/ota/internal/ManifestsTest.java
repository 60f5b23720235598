package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

    @TempDir
    Path state;

    private static DeploymentManifest manifest(String id, String version, char content) {
        return DeploymentManifest.EMPTY.with(
                id,
                List.of(new DeploymentManifest.Artifact(
                        "io.kinglet.demo", version, String.valueOf(content).repeat(64))));
    }

    private OtaLayout layout() {
        return OtaLayout.under(state);
    }

    @Test
    void aCommitMakesTheTargetCommittedAndKeepsTheOldOneAsPrevious() throws IOException {
        DeploymentManifest old = manifest("d1", "1.0.0", 'a');
        DeploymentManifest target = manifest("d2", "1.1.0", 'b');
        old.write(layout().committed());
        Manifests manifests = new Manifests(layout());

        manifests.commit(target, () -> {});

        assertEquals(target, manifests.committed());
        assertEquals(Optional.of(old), manifests.previous());
        assertFalse(Files.exists(tempOf(layout().committed())), "no staged file is left behind");
    }

    @Test
    void theStepRunsWithTheNewManifestStagedAndTheOldOneStillCommitted() throws IOException {
        DeploymentManifest old = manifest("d1", "1.0.0", 'a');
        DeploymentManifest target = manifest("d2", "1.1.0", 'b');
        old.write(layout().committed());
        Manifests manifests = new Manifests(layout());
        List<DeploymentManifest> seen = new ArrayList<>();

        manifests.commit(target, () -> {
            seen.add(DeploymentManifest.read(tempOf(layout().committed())));
            seen.add(manifests.committed());
        });

        assertEquals(List.of(target, old), seen);
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldSetCommitted() throws IOException {
        DeploymentManifest old = manifest("d1", "1.0.0", 'a');
        old.write(layout().committed());
        Manifests manifests = new Manifests(layout());

        IOException crash = assertThrows(
                IOException.class,
                () -> manifests.commit(manifest("d2", "1.1.0", 'b'), () -> {
                    throw new IOException("power cut");
                }));

        assertEquals("power cut", crash.getMessage());
        assertEquals(old, new Manifests(layout()).committed());
    }

    @Test
    void onADeviceWithoutUpdatesTheFirstCommitLeavesAnEmptyPrevious() throws IOException {
        Manifests manifests = new Manifests(layout());
        assertSame(DeploymentManifest.EMPTY, manifests.committed());

        manifests.commit(manifest("d1", "1.1.0", 'b'), () -> {});

        assertEquals(Optional.of(DeploymentManifest.EMPTY), manifests.previous());
    }

    @Test
    void aTrialIsBootedOnlyOnceTheLauncherMarkedItAndEndingItRemovesBothFiles() throws IOException {
        Manifests manifests = new Manifests(layout());
        DeploymentManifest trial = manifest("d3", "2.0.0", 'c');

        manifests.writeTrial(trial);
        assertEquals(Optional.empty(), manifests.bootedTrial());
        AtomicFiles.write(layout().trialBooted(), "d3".getBytes());
        assertEquals(Optional.of(trial), manifests.bootedTrial());

        manifests.endTrial();
        assertFalse(Files.exists(layout().trial()));
        assertFalse(Files.exists(layout().trialBooted()));
        assertEquals(Optional.empty(), manifests.bootedTrial());
    }

    @Test
    void aRevertedTrialIsReportedOnce() throws IOException {
        manifest("d3", "2.0.0", 'c').write(layout().trialReverted());
        Manifests manifests = new Manifests(layout());

        assertEquals(Optional.of("d3"), manifests.takeRevertedTrial());
        assertEquals(Optional.empty(), manifests.takeRevertedTrial());
        assertFalse(Files.exists(layout().trialReverted()));
    }

    /** An unreadable marker must not stop recovery at every start: it is dropped, and read as none. */
    @Test
    void anUnreadableRevertedTrialIsDroppedInsteadOfFailingEveryStart() throws IOException {
        Files.createDirectories(layout().dir());
        Files.writeString(layout().trialReverted(), "deployment=d3\nbundle.x=1.0.0 not-a-sha\n");
        Manifests manifests = new Manifests(layout());

        assertEquals(Optional.empty(), manifests.takeRevertedTrial());
        assertFalse(Files.exists(layout().trialReverted()));
    }

    @Test
    void theStoreKeepsWhatTheCommittedPreviousAndTrialSetsName() throws IOException {
        Manifests manifests = new Manifests(layout());
        manifest("d1", "1.0.0", 'a').write(layout().committed());
        manifests.commit(manifest("d2", "1.1.0", 'b'), () -> {});
        manifests.writeTrial(manifest("d3", "2.0.0", 'c'));

        assertEquals(Set.of("a".repeat(64), "b".repeat(64), "c".repeat(64)), manifests.referencedArtifacts());

        manifests.commit(manifest("d4", "2.1.0", 'd'), () -> {});
        manifests.endTrial();
        assertEquals(Set.of("b".repeat(64), "d".repeat(64)), manifests.referencedArtifacts());
    }

    private static Path tempOf(Path file) {
        return file.resolveSibling(file.getFileName() + AtomicFiles.TEMP_SUFFIX);
    }
}
