package io.kinglet.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootChoiceTest {

    @TempDir
    Path state;

    private OtaLayout layout() {
        return OtaLayout.under(state);
    }

    private static DeploymentManifest manifest(String id, String version) {
        return DeploymentManifest.EMPTY.with(
                id, List.of(new DeploymentManifest.Artifact("io.kinglet.ota", version, "c".repeat(64))));
    }

    @Test
    void withoutATrialTheCommittedSetBoots() throws IOException {
        manifest("d1", "1.0.0").write(layout().committed());

        BootChoice choice = BootChoice.decide(layout());

        assertEquals("d1", choice.manifest().deployment());
        assertFalse(choice.trial());
    }

    @Test
    void safeModeBootsThePreviousCommittedSetElseTheEmbeddedOneAndNeverATrial() throws IOException {
        manifest("d2", "2.0.0").write(layout().committed());
        manifest("d3", "3.0.0").write(layout().trial());
        BootChoice embedded = BootChoice.decide(layout()).safeMode(layout(), 3);
        assertTrue(embedded.manifest().bundles().isEmpty());
        assertFalse(embedded.trial());
        assertEquals("the embedded set", embedded.describeSet(true));

        manifest("d1", "1.0.0").write(layout().previous());
        BootChoice previous = BootChoice.decide(layout()).safeMode(layout(), 3);
        assertEquals("d1", previous.manifest().deployment());
        assertTrue(
                previous.reason()
                        .startsWith("Safe mode: 3 boots in a row without ready; booting the previous"
                                + " committed set (deployment d1"),
                previous.reason());
        assertEquals("d2", DeploymentManifest.read(layout().committed()).deployment(), "the committed set stays");
    }

    @Test
    void aTrialBootsOnceAndIsRevertedAtTheNextStartIfItNeverCommitted() throws IOException {
        manifest("d1", "1.0.0").write(layout().committed());
        manifest("d2", "2.0.0").write(layout().trial());

        BootChoice first = BootChoice.decide(layout());
        assertTrue(first.trial());
        assertEquals("d2", first.manifest().deployment());
        assertTrue(Files.exists(layout().trialBooted()));

        BootChoice second = BootChoice.decide(layout());
        assertFalse(second.trial());
        assertEquals("d1", second.manifest().deployment());
        assertFalse(Files.exists(layout().trial()));
        assertFalse(Files.exists(layout().trialBooted()));
        assertEquals("d2", DeploymentManifest.read(layout().trialReverted()).deployment());
    }

    @Test
    void aTrialTheAgentEndedLeavesOnlyItsMarkerWhichIsCleared() throws IOException {
        manifest("d1", "1.0.0").write(layout().committed());
        Files.createDirectories(layout().dir());
        Files.writeString(layout().trialBooted(), "d2");

        BootChoice choice = BootChoice.decide(layout());

        assertEquals("d1", choice.manifest().deployment());
        assertFalse(Files.exists(layout().trialBooted()));
    }

    /** Random bytes in committed.properties: kept aside, and the previous set is committed and boots, loudly. */
    @Test
    void aDamagedCommittedSetIsKeptAsideAndTheIntactPreviousOneBootsInItsPlace() throws IOException {
        manifest("d1", "1.0.0").write(layout().previous());
        Files.write(layout().committed(), new byte[] {0x13, 0x7f, 0x00, 0x42, 0x0a, 0x55});

        BootChoice choice = BootChoice.decide(layout());

        assertEquals("d1", choice.manifest().deployment());
        assertEquals("d1", DeploymentManifest.read(layout().committed()).deployment());
        assertEquals(1, choice.damage().size());
        assertTrue(
                choice.damage().get(0).startsWith(layout().committed() + " is damaged: "),
                choice.damage().get(0));
        assertTrue(
                choice.damage()
                        .get(0)
                        .contains("the previous committed set (deployment d1, 1 updated bundle(s)) "
                                + "is committed and boots instead"),
                choice.damage().get(0));
        assertEquals(1, io.kinglet.boot.CheckedFiles.quarantined(layout().dir()).size());
    }

    @Test
    void withBothManifestsDamagedTheEmbeddedBundlesBootAndBothAreKeptAside() throws IOException {
        Files.createDirectories(layout().dir());
        Files.writeString(layout().previous(), "deployment=d1\nnonsense\n");
        Files.writeString(layout().committed(), "\u0000\u0001garbage");

        BootChoice choice = BootChoice.decide(layout());

        assertEquals(DeploymentManifest.EMPTY, choice.manifest());
        assertEquals(2, choice.damage().size());
        assertTrue(
                choice.damage().get(0).contains("a manual rollback has no previous set"),
                choice.damage().get(0));
        assertTrue(
                choice.damage().get(1).contains("the embedded bundles boot"),
                choice.damage().get(1));
        assertFalse(Files.exists(layout().committed()));
        assertEquals(2, io.kinglet.boot.CheckedFiles.quarantined(layout().dir()).size());
    }
}
