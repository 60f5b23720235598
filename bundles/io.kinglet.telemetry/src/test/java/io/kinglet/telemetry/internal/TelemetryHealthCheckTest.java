package io.kinglet.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.api.Test;

class TelemetryHealthCheckTest {

    private static final Path QUEUE = Path.of("/var/lib/kinglet/telemetry/queue.db");

    @Test
    void aFullDiskWarnsNamingTheStateDirectoryAndItsFreeSpace() {
        Result result = check(stats(null, "disk full: 0 B free in /var/lib/kinglet", List.of(), null));

        assertEquals(Result.Status.WARN, result.getStatus());
        assertEquals(
                "New telemetry refused: disk full: 0 B free in /var/lib/kinglet; the 11500 queued messages are"
                        + " kept, and each one the broker acknowledges frees space",
                messages(result).getFirst());
    }

    @Test
    void aStoreFailingForAnyOtherReasonIsCritical() {
        Result result = check(stats("[SQLITE_IOERR] disk I/O error", null, List.of(), null));

        assertEquals(Result.Status.CRITICAL, result.getStatus());
        assertEquals(List.of("Telemetry store failing: [SQLITE_IOERR] disk I/O error"), messages(result));
    }

    @Test
    void aQueueSalvagedInThisRunWarnsWithWhatWasRecoveredAndLostWhileItsDamagedFileIsKept() {
        Path aside = QUEUE.resolveSibling("queue.db.damaged-20261130T120000.000Z");
        Path older = QUEUE.resolveSibling("queue.db.damaged-20261001T080000.000Z");
        QueueSalvage.Report salvage = new QueueSalvage.Report(aside, "quick_check: …", 969, -1);

        Result result = check(stats(null, null, List.of(older, aside), salvage));

        assertEquals(Result.Status.WARN, result.getStatus());
        assertEquals(
                List.of(
                        "A damaged telemetry queue is kept aside as " + older + " (delete it once looked at)",
                        "Telemetry queue was damaged (quick_check: …) and rebuilt: 969 messages recovered,"
                                + " an unknown number lost; the damaged file is kept as " + aside
                                + " (delete it once looked at)",
                        "11500 queued, broker disconnected"),
                messages(result));
    }

    private static Result check(TelemetryService.Stats stats) {
        FormattingResultLog log = new FormattingResultLog();
        TelemetryHealthCheck.report(stats, 300, log);
        return new Result(log);
    }

    private static List<String> messages(Result result) {
        List<String> messages = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            messages.add(entry.getMessage());
        }
        return messages;
    }

    private static TelemetryService.Stats stats(
            String failure, String diskFull, List<Path> keptAside, QueueSalvage.Report salvaged) {
        return new TelemetryService.Stats(
                11_500,
                4_000_000,
                0,
                0,
                0,
                new EnumMap<>(Refusal.class),
                MqttForwarder.State.DISCONNECTED,
                Duration.ofSeconds(10),
                false,
                failure,
                diskFull,
                keptAside,
                salvaged);
    }
}
