package io.kinglet.telemetry.internal;

import io.kinglet.telemetry.api.Priority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** {@code telemetry:stats|flush|pause|resume|publish}: the operator's view of the queue and the broker. */
@Component(
        service = TelemetryCommands.class,
        configurationPid = TelemetryService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {
            "osgi.command.scope=telemetry",
            "osgi.command.function=stats",
            "osgi.command.function=flush",
            "osgi.command.function=pause",
            "osgi.command.function=resume",
            "osgi.command.function=publish"
        })
public class TelemetryCommands {

    private final TelemetryService telemetry;

    @Activate
    public TelemetryCommands(@Reference TelemetryService telemetry) {
        this.telemetry = telemetry;
    }

    @Descriptor("show the queue (queued, in flight, sent, dropped, refused), the broker, the store and the disk")
    public String stats() {
        TelemetryService.Stats s = telemetry.stats();
        List<String> lines = new ArrayList<>(List.of(
                "Broker       " + s.broker().name().toLowerCase() + (s.paused() ? " (forwarding paused)" : ""),
                "Queued       " + s.queued() + " messages, " + s.queuedBytes() + " bytes",
                "In flight    " + s.inFlight(),
                "Sent         " + s.sent(),
                "Dropped      " + s.dropped(),
                "Refused      " + refused(s),
                "Oldest       " + s.oldestAge().toSeconds() + " s",
                "Store        " + store(s)));
        for (Path file : s.keptAside()) {
            QueueSalvage.Report salvage = s.salvaged();
            lines.add("Damaged      kept aside as " + file
                    + (salvage != null && salvage.keptAs().equals(file)
                            ? " (salvaged: " + salvage.recovered() + " messages recovered, " + salvage.lostText()
                                    + " lost; " + salvage.cause() + ")"
                            : " (from an earlier run)"));
        }
        return String.join("\n", lines);
    }

    private static String refused(TelemetryService.Stats s) {
        if (s.refusedTotal() == 0) {
            return "0";
        }
        List<String> reasons = new ArrayList<>();
        s.refused().forEach((reason, count) -> {
            if (count > 0) {
                reasons.add(reason.label.replace('_', ' ') + " " + count);
            }
        });
        return s.refusedTotal() + " (" + String.join(", ", reasons) + ")";
    }

    private static String store(TelemetryService.Stats s) {
        if (s.storeFailure() != null) {
            return "FAILING: " + s.storeFailure();
        }
        return s.diskFull() == null ? "ok" : "refusing new messages: " + s.diskFull();
    }

    @Descriptor("wait until every queued message is acknowledged by the broker")
    public String flush(
            @Descriptor("seconds to wait at most")
                    @Parameter(
                            names = {"-t", "--timeout"},
                            absentValue = "30")
                    int seconds)
            throws InterruptedException {
        boolean empty = telemetry.flush(Duration.ofSeconds(seconds));
        return empty ? "Queue empty" : "Still " + telemetry.stats().queued() + " queued after " + seconds + " s";
    }

    @Descriptor("stop forwarding to the broker; messages keep queueing on disk")
    public String pause() {
        telemetry.pause();
        return "Forwarding paused";
    }

    @Descriptor("forward to the broker again")
    public String resume() {
        telemetry.resume();
        return "Forwarding resumed";
    }

    @Descriptor("queue a message (or N numbered ones: payload-1 .. payload-N) and wait until stored on disk")
    public String publish(
            @Descriptor("QoS 0 or 1")
                    @Parameter(
                            names = {"-q", "--qos"},
                            absentValue = "1")
                    int qos,
            @Descriptor("LOW, NORMAL, HIGH or CRITICAL")
                    @Parameter(
                            names = {"-p", "--priority"},
                            absentValue = "NORMAL")
                    String priority,
            @Descriptor("how many numbered messages")
                    @Parameter(
                            names = {"-n", "--count"},
                            absentValue = "1")
                    int count,
            @Descriptor("topic, relative to the device prefix") String topic,
            @Descriptor("payload text") String payload)
            throws InterruptedException {
        Priority level = Priority.valueOf(priority.toUpperCase());
        List<CompletableFuture<Long>> stored = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String text = count == 1 ? payload : payload + "-" + i;
            stored.add(telemetry
                    .publish(topic, text.getBytes(StandardCharsets.UTF_8), qos, level)
                    .toCompletableFuture());
        }
        long first = -1;
        long last = -1;
        int failed = 0;
        String reason = null;
        for (CompletableFuture<Long> future : stored) {
            try {
                long id = future.get();
                first = first < 0 ? id : first;
                last = id;
            } catch (ExecutionException e) {
                failed++;
                reason = e.getCause().getMessage();
            }
        }
        String result = "Queued " + (count - failed) + " message" + (count - failed == 1 ? "" : "s")
                + (first < 0 ? "" : " (ids " + first + ".." + last + ")");
        return failed == 0 ? result : result + "; " + failed + " not stored: " + reason;
    }
}
