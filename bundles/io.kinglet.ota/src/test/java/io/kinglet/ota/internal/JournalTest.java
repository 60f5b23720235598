package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.ota.api.DeploymentState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private Journal journal(int keep) throws IOException {
        return new Journal(dir, keep, new JsonProviderImpl());
    }

    @Test
    void aDeploymentReadsBackWithItsChangesTransitionsAndReason() throws IOException {
        Journal journal = journal(10);
        Deployment d = new Deployment(journal.nextId(), Deployment.Kind.PUSH, false);
        d.add(new Deployment.Change("io.kinglet.demo", "1.1.0", "a".repeat(64), "1.0.0"));
        d.enter(DeploymentState.RECEIVED, null);
        d.enter(DeploymentState.ROLLED_BACK, "health check 'x' is CRITICAL");
        journal.save(d);

        Deployment back = journal(10).find("d1").orElseThrow();

        assertEquals(d.toJson(), back.toJson());
        assertEquals(DeploymentState.ROLLED_BACK, back.state());
        assertEquals("health check 'x' is CRITICAL", back.reason());
    }

    @Test
    void idsContinueAfterARestartAndTheOldestFinishedOnesAreForgotten() throws IOException {
        Journal journal = journal(2);
        for (int i = 0; i < 3; i++) {
            Deployment d = new Deployment(journal.nextId(), Deployment.Kind.PUSH, false);
            d.enter(DeploymentState.COMMITTED, null);
            journal.save(d);
        }

        assertEquals("d4", journal(2).nextId());
        assertEquals(
                List.of("d3", "d2"), journal.all().stream().map(Deployment::id).toList());
        assertFalse(Files.exists(dir.resolve("d1.json")));
    }

    @Test
    void anUnreadableEntryIsSkippedNotFatalAndAnIdThatIsNotOneFindsNothing() throws IOException {
        Files.writeString(dir.resolve("d7.json"), "{ truncated");
        Journal journal = journal(10);

        assertTrue(journal.all().isEmpty());
        assertTrue(journal.find("../../etc/passwd").isEmpty());
        assertEquals("d8", journal.nextId());
    }

    /** A bit flipped on the card: the entry is kept aside, left out, and its id is not given again. */
    @Test
    void anEntryDamagedAfterItWasWrittenIsKeptAsideAndItsIdNeverReused() throws IOException {
        Journal journal = journal(10);
        Deployment d = new Deployment(journal.nextId(), Deployment.Kind.PUSH, false);
        d.enter(DeploymentState.COMMITTED, null);
        journal.save(d);
        Path entry = dir.resolve("d1.json");
        Files.writeString(entry, Files.readString(entry).replace("committed", "commitxed"));

        Journal restarted = journal(10);

        assertTrue(restarted.all().isEmpty());
        assertFalse(Files.exists(entry));
        assertEquals(1, io.kinglet.boot.CheckedFiles.quarantined(dir).size());
        assertEquals("d2", journal(10).nextId());
    }
}
