package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import io.kinglet.health.api.HealthTags;
import io.kinglet.ota.api.DeploymentState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The agent starts on a state directory a stop or a crash left behind: d1 committed (1.0.0, content
 * 'a'), d2 unfinished, updating {@code io.kinglet.demo} to 1.1.0 (content 'b').
 */
class RecoveryTest {

    private static final String DEMO = "io.kinglet.demo";
    private static final DeploymentManifest D1 = manifest("d1", "1.0.0", 'a');
    private static final DeploymentManifest D2 = manifest("d2", "1.1.0", 'b');
    private static final String GREEN_LOCATION = OtaLayout.STORE_LOCATION_PREFIX + "b".repeat(64);

    @TempDir
    Path state;

    private OtaLayout layout;
    private Journal journal;
    private Transitions transitions;
    private final BundleOperations bundles = mock(BundleOperations.class);
    private final List<String> restarts = new ArrayList<>();
    private final List<Run> resumed = new ArrayList<>();

    private static DeploymentManifest manifest(String id, String version, char content) {
        return DeploymentManifest.EMPTY.with(
                id,
                List.of(new DeploymentManifest.Artifact(
                        DEMO, version, String.valueOf(content).repeat(64))));
    }

    @BeforeEach
    void device() throws IOException {
        layout = OtaLayout.under(state);
        journal = new Journal(layout.dir().resolve("deployments"), 10, new JsonProviderImpl());
        transitions = new Transitions(journal, () -> null);
        Deployment d1 = new Deployment("d1", Deployment.Kind.PUSH, false);
        d1.add(new Deployment.Change(DEMO, "1.0.0", "a".repeat(64), null));
        d1.enter(DeploymentState.COMMITTED, null);
        journal.save(d1);
        D1.write(layout.committed());
    }

    /** d2 as the journal left it: in {@code state}, on trial or not. */
    private void d2(DeploymentState state, boolean trial) throws IOException {
        Deployment d2 = new Deployment("d2", Deployment.Kind.PUSH, false);
        d2.add(new Deployment.Change(DEMO, "1.1.0", "b".repeat(64), "1.0.0"));
        for (DeploymentState s : List.of(
                DeploymentState.RECEIVED,
                DeploymentState.VERIFIED,
                DeploymentState.INSTALLED,
                DeploymentState.SWITCHING,
                DeploymentState.PROBATION,
                DeploymentState.COMMITTING)) {
            d2.enter(s, null);
            if (s == state) {
                break;
            }
        }
        if (trial) {
            d2.markTrial();
        }
        journal.save(d2);
    }

    private void recover() throws IOException {
        new Recovery(new Manifests(layout), journal, transitions, bundles, restarts::add, resumed::add).recover();
    }

    private Deployment journaled(String id) throws IOException {
        return journal.find(id).orElseThrow();
    }

    private static Bundle green() {
        Bundle green = mock(Bundle.class);
        when(green.getSymbolicName()).thenReturn(DEMO);
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put(ArtifactVerifier.HEALTH_TAGS_HEADER, "demo, mqtt");
        when(green.getHeaders("")).thenReturn(headers);
        return green;
    }

    @Test
    void aDeploymentInterruptedAfterItsManifestWasCommittedEndsCommitted() throws IOException {
        d2(DeploymentState.COMMITTING, false);
        D2.write(layout.committed());

        recover();

        assertEquals(DeploymentState.COMMITTED, journaled("d2").state());
        assertNull(journaled("d2").reason());
        assertEquals(List.of(), restarts);
    }

    @Test
    void aDeploymentInterruptedByARestartBeforeItsCommitEndsRolledBackWithWhy() throws IOException {
        d2(DeploymentState.PROBATION, false);

        recover();

        assertEquals(DeploymentState.ROLLED_BACK, journaled("d2").state());
        assertEquals(
                "interrupted by a restart while probation; the committed set was booted",
                journaled("d2").reason());
        assertEquals(DeploymentState.COMMITTED, journaled("d1").state(), "a finished deployment is left alone");
        assertEquals(List.of(), restarts);
        assertEquals(List.of(), resumed);
    }

    @Test
    void greenStillInstalledAfterAStopOfTheAgentAloneIsRolledBackByAFrameworkRestart() throws IOException {
        d2(DeploymentState.PROBATION, false);
        Bundle green = green();
        when(bundles.byLocation(GREEN_LOCATION)).thenReturn(green);

        recover();

        assertEquals(DeploymentState.ROLLED_BACK, journaled("d2").state());
        assertEquals(
                "interrupted while probation by a stop of the OTA agent; the framework restarts into the committed set",
                journaled("d2").reason());
        assertEquals(List.of("a deployment was left part-way when the OTA agent stopped"), restarts);
    }

    @Test
    void aBootedTrialIsResumedOnProbationWithItsGreensAndTheirHealthTags() throws IOException {
        d2(DeploymentState.SWITCHING, true);
        D2.write(layout.trial());
        AtomicFiles.write(layout.trialBooted(), "d2".getBytes());
        Bundle green = green();
        when(bundles.byLocation(GREEN_LOCATION)).thenReturn(green);

        recover();

        assertEquals(1, resumed.size());
        Run r = resumed.get(0);
        assertEquals("d2", r.deployment.id());
        assertTrue(r.trial);
        assertEquals(D2, r.target);
        assertEquals(List.of(green), r.greens);
        assertEquals(List.of(HealthTags.CRITICAL, "demo", "mqtt"), List.copyOf(r.tags));
        assertEquals(DeploymentState.SWITCHING, journaled("d2").state(), "not finished as interrupted");
        assertEquals(List.of(), restarts, "its green bundles being installed is the point of the trial");
    }

    @Test
    void aTrialTheLauncherRevertedIsRolledBackAsNeverCommitted() throws IOException {
        d2(DeploymentState.PROBATION, true);
        D2.write(layout.trialReverted());

        recover();

        assertEquals(DeploymentState.ROLLED_BACK, journaled("d2").state());
        assertTrue(
                journaled("d2").reason().startsWith("the trial boot of the new set never committed"),
                journaled("d2").reason());
        assertFalse(Files.exists(layout.trialReverted()), "reported once");
        assertEquals(List.of(), resumed);
        assertEquals(List.of(), restarts);
    }

    @Test
    void aTrialCommittedJustBeforeACrashStaysCommittedThoughTheLauncherRevertedItsTrialFiles() throws IOException {
        d2(DeploymentState.COMMITTING, true);
        D2.write(layout.committed());
        D2.write(layout.trialReverted());

        recover();

        assertEquals(DeploymentState.COMMITTED, journaled("d2").state());
        assertEquals(List.of(), restarts);
    }

    @Test
    void theLastEndedDeploymentIsKnownAgainAfterARestart() throws IOException {
        recover();

        Optional<Deployment> last = transitions.lastEnded();
        assertEquals("d1", last.orElseThrow().id());
        assertSame(DeploymentState.COMMITTED, last.get().state());
    }
}
