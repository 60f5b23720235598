package io.kinglet.sensehat.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs alert messages as Slack-compatible JSON to the configured URL, off the sampling thread:
 * each message is tried with a timeout and retried with back-off (Failsafe), at most
 * {@code webhook.maxQueued} at a time, and a give-up is logged once with the reason. The URL is a
 * secret: only its host appears in the log.
 */
@Component(
        service = WebhookSender.class,
        configurationPid = SenseHat.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final URI url;
    private final Duration timeout;
    private final int maxQueued;
    private final JsonProvider json;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final FailsafeExecutor<Integer> failsafe;
    private final AtomicInteger queued = new AtomicInteger();

    @Activate
    public WebhookSender(SenseHatConfiguration config, @Reference JsonProvider json) {
        this(
                config.webhook_url(),
                Duration.ofSeconds(config.webhook_timeoutSeconds()),
                config.webhook_retries(),
                config.webhook_maxQueued(),
                json);
    }

    WebhookSender(String url, Duration timeout, int retries, int maxQueued, JsonProvider json) {
        this.url = url.isBlank() ? null : URI.create(url.strip());
        this.timeout = timeout;
        this.maxQueued = maxQueued;
        this.json = json;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kinglet-sensehat-webhook");
            thread.setDaemon(true);
            return thread;
        });
        // the JDK's HTTP client costs threads and megabytes of memory: only when there is somewhere to send
        this.http = this.url == null
                ? null
                : HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .executor(scheduler)
                        .build();
        this.failsafe = Failsafe.with(RetryPolicy.<Integer>builder()
                        .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60))
                        .withMaxRetries(retries)
                        .build())
                .with(scheduler);
    }

    /** Whether a URL is configured. */
    boolean configured() {
        return url != null;
    }

    /** Where messages go, for people: the host only. */
    String target() {
        return url == null ? "none" : url.getHost();
    }

    /**
     * Queues {@code text}; the future gives the HTTP status, or fails with why it was given up. Never
     * blocks: a full queue fails the future at once.
     */
    CompletableFuture<Integer> send(String text) {
        if (url == null) {
            return CompletableFuture.failedFuture(new IOException("no webhook configured (webhook.url)"));
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            LOG.warn("Sense HAT: webhook to {} dropped a message: {} already waiting", target(), maxQueued);
            return CompletableFuture.failedFuture(new IOException(maxQueued + " webhook messages already waiting"));
        }
        String body = json.createObjectBuilder().add("text", text).build().toString();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return failsafe.getStageAsync(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenApply(WebhookSender::accepted))
                .whenComplete((status, failure) -> {
                    queued.decrementAndGet();
                    if (failure != null) {
                        LOG.warn("Sense HAT: webhook to {} gave up on \"{}\": {}", target(), text, reason(failure));
                    }
                });
    }

    private static int accepted(HttpResponse<Void> response) {
        if (response.statusCode() / 100 != 2) {
            throw new java.util.concurrent.CompletionException(
                    new IOException("the receiver answered HTTP " + response.statusCode()));
        }
        return response.statusCode();
    }

    static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException || cause.getCause() instanceof IOException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Deactivate
    void deactivate() {
        if (http != null) {
            http.shutdownNow();
        }
        scheduler.shutdownNow();
    }
}
