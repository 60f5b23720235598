package io.kinglet.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesCheckTest {

    private final ConfigFileStatus status = new ConfigFileStatus();
    private final ConfigFilesCheck check = new ConfigFilesCheck(status);

    @Test
    void isOkWhileNoFileIsRefused() {
        Result result = check.execute();

        assertEquals(Result.Status.OK, result.getStatus());
        assertEquals(List.of("All configuration files accepted"), messages(result));
    }

    @Test
    void warnsNamingEachRefusedFileWithItsReason() {
        status.refused(
                new File("io.kinglet.shell.socket.cfg"), "property 'maxSessions': \"0\" is not allowed: below minimum");
        status.refused(new File("a.config"), "malformed JSON: the object is not closed (truncated file?)");

        Result result = check.execute();

        assertEquals(Result.Status.WARN, result.getStatus());
        assertEquals(
                List.of(
                        "Refused a.config: malformed JSON: the object is not closed (truncated file?)",
                        "Refused io.kinglet.shell.socket.cfg: property 'maxSessions': \"0\" is not allowed: below minimum"),
                messages(result));
    }

    @Test
    void fixingTheLastRefusedFileMakesItOkAgain() {
        status.refused(new File("io.kinglet.shell.socket.cfg"), "property 'maxSessions': \"0\" is not allowed");
        status.refused(new File("a.config"), "malformed JSON");
        status.accepted(new File("io.kinglet.shell.socket.cfg"));

        assertEquals(Result.Status.WARN, check.execute().getStatus());

        status.accepted(new File("a.config"));

        assertEquals(Result.Status.OK, check.execute().getStatus());
    }

    @Test
    void refusingTheSameFileAgainKeepsOnlyTheLatestReason() {
        status.refused(new File("a.config"), "malformed JSON");
        status.refused(new File("a.config"), "property 'port': \"x\" is not an Integer");

        List<String> messages = messages(check.execute());

        assertEquals(List.of("Refused a.config: property 'port': \"x\" is not an Integer"), messages);
    }

    @Test
    void refusedFilesIsASnapshotNotALiveView() {
        status.refused(new File("a.config"), "malformed JSON");
        var snapshot = status.refusedFiles();

        status.accepted(new File("a.config"));

        assertTrue(snapshot.containsKey("a.config"));
        assertTrue(status.refusedFiles().isEmpty());
    }

    @Test
    void isTemporarilyUnavailableUntilEveryFilePresentAtStartHasBeenRead(@TempDir Path dir) throws IOException {
        File first = Files.writeString(dir.resolve("a.cfg"), "x = 1").toFile();
        File second = Files.writeString(dir.resolve("b.cfg"), "x = 2").toFile();
        status.expect(ConfigFileInstaller.filesInWatchedFolders(dir.toString()));

        Result starting = check.execute();
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, starting.getStatus());
        assertEquals(List.of("2 configuration files not read yet"), messages(starting));

        status.accepted(first);
        status.refused(second, "malformed JSON");

        assertEquals(Result.Status.WARN, check.execute().getStatus());
    }

    @Test
    void aFileDeletedBeforeItWasReadIsNotWaitedFor(@TempDir Path dir) throws IOException {
        File gone = Files.writeString(dir.resolve("gone.cfg"), "x = 1").toFile();
        status.expect(ConfigFileInstaller.filesInWatchedFolders(dir.toString()));

        Files.delete(gone.toPath());

        assertEquals(Result.Status.OK, check.execute().getStatus());
    }

    private static List<String> messages(Result result) {
        List<String> messages = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            messages.add(entry.getMessage());
        }
        return messages;
    }
}
