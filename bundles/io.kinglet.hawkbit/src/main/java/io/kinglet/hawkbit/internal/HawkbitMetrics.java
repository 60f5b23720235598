package io.kinglet.hawkbit.internal;

import static io.kinglet.metrics.api.Metrics.counter;
import static io.kinglet.metrics.api.Metrics.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** The client as {@code kinglet_hawkbit_*}: polls, failures, the server's silence, actions, bytes. */
@Component(configurationPid = HawkbitClient.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class HawkbitMetrics implements MultiCollector {

    private final HawkbitClient client;

    @Activate
    public HawkbitMetrics(@Reference HawkbitClient client) {
        this.client = client;
    }

    @Override
    public MetricSnapshots collect() {
        HawkbitClient.Status status = client.status();
        Controller.Outcomes outcomes = client.controller().outcomes();
        return new MetricSnapshots(
                counter("kinglet_hawkbit_polls", "Polls of the update server", status.polls()),
                gauge("kinglet_hawkbit_poll_failures", "Polls failed in a row", status.failures()),
                gauge(
                        "kinglet_hawkbit_last_answer_age_seconds",
                        "Seconds since the server last answered (-1: never)",
                        status.lastAnswer() == null
                                ? -1
                                : Duration.between(status.lastAnswer(), Instant.now())
                                        .toSeconds()),
                counter(
                        "kinglet_hawkbit_actions",
                        "Actions ended since the start, by outcome",
                        "outcome",
                        Map.of(
                                "succeeded", outcomes.succeeded.get(),
                                "failed", outcomes.failed.get(),
                                "canceled", outcomes.canceled.get())),
                gauge(
                        "kinglet_hawkbit_feedback_pending",
                        "Feedback not yet taken by the server",
                        client.state().pending().size()),
                counter("kinglet_hawkbit_downloaded_bytes", "Bytes of artifacts downloaded", client.downloadedBytes()));
    }
}
