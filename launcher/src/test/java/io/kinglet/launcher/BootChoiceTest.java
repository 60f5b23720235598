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
}
