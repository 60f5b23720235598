package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import io.kinglet.ota.api.DeploymentState;
import io.kinglet.ota.api.OtaEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleException;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Real manifests, journal and store in a temporary state directory; the switcher is a mock. */
class SettlementTest {

    private static final DeploymentManifest BLUE = manifest("d1", "1.0.0", 'a');
    private static final DeploymentManifest GREEN = manifest("d2", "1.1.0", 'b');

    @TempDir
    Path state;

    private OtaLayout layout;
    private Manifests manifests;
    private Journal journal;
    private ArtifactStore store;
    private final Switcher switcher = mock(Switcher.class);
    private final List<String> restarts = new ArrayList<>();
    private final AtomicReference<Run> current = new AtomicReference<>();
    /** Each event's state, with the deployment the committed manifest named when it was sent. */
    private final List<String> events = new ArrayList<>();

    private Transitions transitions;
    private Settlement settlement;

    private static DeploymentManifest manifest(String id, String version, char content) {
        return DeploymentManifest.EMPTY.with(
                id,
                List.of(new DeploymentManifest.Artifact(
                        "io.kinglet.demo", version, String.valueOf(content).repeat(64))));
    }

    @BeforeEach
    void device() throws IOException {
        layout = OtaLayout.under(state);
        manifests = new Manifests(layout);
        BLUE.write(layout.committed());
        journal = new Journal(layout.dir().resolve("deployments"), 10, new JsonProviderImpl());
        store = new ArtifactStore(layout);
        EventAdmin admin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                throw new AssertionError("OTA events are sent synchronously");
            }

            @Override
            public void sendEvent(Event event) {
                try {
                    events.add(event.getProperty(OtaEvents.STATE) + " with "
                            + manifests.committed().deployment() + " committed");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        transitions = new Transitions(journal, () -> admin);
        settlement = new Settlement(manifests, transitions, switcher, store, restarts::add, current);
    }

    private Run running(boolean trial) {
        Run r = new Run(new Deployment("d2", Deployment.Kind.PUSH, false), GREEN, trial);
        r.verdictNanos = System.nanoTime();
        current.set(r);
        return r;
    }

    private Deployment journaled() throws IOException {
        return journal.find("d2").orElseThrow();
    }

    @Test
    void aCommitPutsTheNewManifestInPlaceBetweenCommittingAndCommitted() throws IOException {
        Files.createDirectories(layout.store());
        Files.write(layout.artifact("f".repeat(64)), new byte[] {1});
        Files.write(layout.artifact("b".repeat(64)), new byte[] {2});

        settlement.commit(running(false));

        assertEquals(List.of("committing with d1 committed", "committed with d2 committed"), events);
        assertEquals(GREEN, manifests.committed());
        assertEquals(Optional.of(BLUE), manifests.previous());
        assertEquals(DeploymentState.COMMITTED, journaled().state());
        assertNull(current.get(), "the agent takes the next deployment");
        assertEquals(1, transitions.stats().committed());
        assertTrue(transitions.stats().lastCommitMillis() >= 0);
        assertFalse(Files.exists(layout.artifact("f".repeat(64))), "an artifact no manifest names is deleted");
        assertTrue(Files.exists(layout.artifact("b".repeat(64))));
        assertEquals(List.of(), restarts);
        verifyNoInteractions(switcher);
    }

    @Test
    void committingATrialEndsItSoTheLauncherBootsTheCommittedSet() throws IOException {
        manifests.writeTrial(GREEN);
        AtomicFiles.write(layout.trialBooted(), "d2".getBytes());

        settlement.commit(running(true));

        assertEquals(GREEN, manifests.committed());
        assertFalse(Files.exists(layout.trial()));
        assertFalse(Files.exists(layout.trialBooted()));
        assertEquals(List.of(), restarts, "the trial set already runs");
    }

    @Test
    void aRollbackInPlaceRestoresBlueAndRecordsWhy() throws Exception {
        Run r = running(false);

        settlement.rollBack(r, "health check 'MQTT' is CRITICAL");

        verify(switcher).restore(r);
        assertEquals(DeploymentState.ROLLED_BACK, journaled().state());
        assertEquals("health check 'MQTT' is CRITICAL", journaled().reason());
        assertEquals(List.of("rolled-back with d1 committed"), events);
        assertEquals(BLUE, manifests.committed());
        assertNull(current.get());
        assertEquals(1, transitions.stats().rolledBack());
        assertEquals(List.of(), restarts);
    }

    @Test
    void aRollbackThatCannotRestoreBlueInPlaceRestartsIntoTheCommittedSet() throws Exception {
        Run r = running(false);
        doThrow(new BundleException("blue's jar is gone")).when(switcher).restore(r);

        settlement.rollBack(r, "health check 'MQTT' is CRITICAL");

        assertEquals(List.of("OTA d2 could not be rolled back in place"), restarts);
        assertEquals(BLUE, manifests.committed());
    }

    @Test
    void aRollbackOnTrialDeletesTheTrialAndRestartsIntoTheCommittedSet() throws IOException {
        manifests.writeTrial(GREEN);
        AtomicFiles.write(layout.trialBooted(), "d2".getBytes());

        settlement.rollBack(running(true), "component io.kinglet.ota.internal.OtaAgent failed to activate");

        assertFalse(Files.exists(layout.trial()));
        assertFalse(Files.exists(layout.trialBooted()));
        assertEquals(List.of("OTA d2 rolled back on trial; booting the committed set"), restarts);
        assertEquals(DeploymentState.ROLLED_BACK, journaled().state());
        assertEquals(
                "component io.kinglet.ota.internal.OtaAgent failed to activate",
                journaled().reason());
        assertEquals(BLUE, manifests.committed());
        assertNull(current.get());
        verifyNoInteractions(switcher);
    }

    @Test
    void aDeploymentThatWouldDisturbTheAgentIsBootedOnTrial() throws IOException {
        Run r = running(true);

        settlement.bootOnTrial(r);

        verify(switcher).removeGreens(r);
        assertEquals(GREEN, DeploymentManifest.read(layout.trial()));
        assertEquals(BLUE, manifests.committed(), "the trial is not committed yet");
        assertTrue(journaled().trial());
        assertEquals(DeploymentState.SWITCHING, journaled().state());
        assertEquals(1, restarts.size());
        assertTrue(restarts.get(0).contains("booting the new set on trial"), restarts.get(0));
    }
}
