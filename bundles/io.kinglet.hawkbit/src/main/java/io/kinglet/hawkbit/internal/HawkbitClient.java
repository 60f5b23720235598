package io.kinglet.hawkbit.internal;

import io.kinglet.boot.KingletDirectories;
import io.kinglet.ota.api.OtaDeployments;
import io.kinglet.ota.api.OtaEvents;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hawkBit client: polls the server on its own thread at the server's pace (within the configured
 * bounds, backing off after failures), and hears the OTA agent's transitions so that probation, commit
 * and rollback reach the server without waiting for the next poll. A failed poll is one log line and
 * a later poll, never a stopped client.
 */
@Component(
        service = {HawkbitClient.class, EventHandler.class},
        immediate = true,
        configurationPid = HawkbitClient.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = EventConstants.EVENT_TOPIC + "=" + OtaEvents.ALL_TOPICS)
@Designate(ocd = HawkbitConfiguration.class)
public class HawkbitClient implements EventHandler {

    static final String PID = "io.kinglet.hawkbit";
    private static final Logger LOG = LoggerFactory.getLogger(HawkbitClient.class);

    /** How the conversation with the server goes, for health, the shell and metrics. */
    record Status(Instant lastAnswer, String problem, int failures, long polls, Instant nextPoll) {}

    private final ScheduledExecutorService thread;
    private final ExecutorService downloadThread;
    private final DdiClient client;
    private final Controller controller;
    private final Downloads downloads;
    private final PollSchedule schedule;
    private final ClientState state;
    private final Duration warnAfter;
    private final Instant started = Instant.now();
    private final AtomicLong polls = new AtomicLong();
    private volatile Instant lastAnswer;
    private volatile String problem = "";
    private volatile Instant nextPoll = Instant.now();
    private ScheduledFuture<?> next;

    @Activate
    public HawkbitClient(
            HawkbitConfiguration config,
            BundleContext context,
            @Reference OtaDeployments ota,
            @Reference JsonProvider json)
            throws IOException, GeneralSecurityException {
        String invalid = invalid(config.server(), config.token(), config.allowPlainHttp());
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
        String controllerId =
                config.controllerId().isBlank() ? InetAddress.getLocalHost().getHostName() : config.controllerId();
        String authorization =
                ("gateway".equals(config.tokenKind()) ? "GatewayToken " : "TargetToken ") + config.token();
        Path dir = KingletDirectories.state(context).resolve("hawkbit");
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        this.client = new DdiClient(
                DdiClient.base(config.server(), config.tenant(), controllerId),
                authorization,
                config.allowPlainHttp(),
                timeout,
                DdiClient.tls(
                        config.trustStore().isBlank()
                                ? null
                                : KingletDirectories.config(context).resolve(config.trustStore()),
                        config.trustStorePassword()));
        this.warnAfter = Duration.ofSeconds(config.warnAfterSeconds());
        this.schedule = new PollSchedule(
                Duration.ofSeconds(config.pollMinSeconds()), Duration.ofSeconds(config.pollMaxSeconds()));
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kinglet-hawkbit"));
        this.downloadThread = Executors.newSingleThreadExecutor(r -> daemon(r, "kinglet-hawkbit-download"));
        this.state = ClientState.load(dir.resolve("client.json"), json);
        this.downloads = new Downloads(
                new Downloader(client, dir.resolve("downloads"), timeout),
                dir.resolve("downloads"),
                downloadThread,
                task -> thread.execute(() -> guarded("a download's end", task)));
        this.controller = new Controller(
                client,
                new DdiParser(json),
                json,
                state,
                ota,
                downloads,
                new DeviceAttributes(context.getProperty("kinglet.version"), context.getProperty("kinglet.profile")));
        LOG.info("hawkBit: polling {} as controller {}", client.base().getHost(), controllerId);
        synchronized (this) {
            next = thread.schedule(this::cycle, 0, TimeUnit.SECONDS);
        }
    }

    /** What makes these settings unusable, for the log and health; null when they are fine. */
    static String invalid(String server, String token, boolean allowPlainHttp) {
        if (server == null || server.isBlank()) {
            return PID + ": server is empty; name the update server, e.g. https://hawkbit.example.com";
        }
        if (token == null || token.isBlank()) {
            return PID + ": token is empty; give the target's security token (or the gateway token)";
        }
        if (!server.startsWith("https://") && !(allowPlainHttp && server.startsWith("http://"))) {
            return PID + ": server " + server + " is not https://"
                    + (server.startsWith("http://") ? " (set allowPlainHttp = true for a lab)" : "");
        }
        return null;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private void cycle() {
        Duration delay;
        try {
            delay = schedule.afterAnswer(controller.poll());
            lastAnswer = Instant.now();
            problem = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            problem = e instanceof DdiException ? e.getMessage() : e.toString();
            delay = schedule.afterFailure();
            LOG.warn("hawkBit: poll failed: {}; next in {} s", problem, delay.toSeconds());
        }
        polls.incrementAndGet();
        nextPoll = Instant.now().plus(delay);
        synchronized (this) {
            if (!thread.isShutdown()) {
                next = thread.schedule(this::cycle, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Polls now instead of at the next poll's time; false when a poll is under way anyway. */
    synchronized boolean pollNow() {
        if (next != null && next.cancel(false)) {
            next = thread.schedule(this::cycle, 0, TimeUnit.SECONDS);
            return true;
        }
        return false;
    }

    @Override
    public void handleEvent(Event event) {
        // the agent sends its events from its own thread, synchronously: only hand the work over
        thread.execute(() -> guarded("reporting an OTA transition", () -> {
            controller.track();
            try {
                controller.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    private void guarded(String what, Downloads.IoTask task) {
        try {
            task.run();
        } catch (IOException | RuntimeException e) {
            // the next poll tries again: the state and the pending feedback are kept
            LOG.warn("hawkBit: {} failed: {}", what, e.getMessage());
        }
    }

    Status status() {
        return new Status(lastAnswer, problem, schedule.failures(), polls.get(), nextPoll);
    }

    /** Whether the server has not answered for longer than the warning time. */
    boolean unreachable() {
        Instant since = lastAnswer == null ? started : lastAnswer;
        return Duration.between(since, Instant.now()).compareTo(warnAfter) > 0;
    }

    String server() {
        return client.base().toString();
    }

    Controller controller() {
        return controller;
    }

    ClientState state() {
        return state;
    }

    long downloadedBytes() {
        return downloads.downloadedBytes();
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            thread.shutdownNow();
        }
        downloadThread.shutdownNow();
        client.close();
        LOG.info("hawkBit: stopped");
    }
}
