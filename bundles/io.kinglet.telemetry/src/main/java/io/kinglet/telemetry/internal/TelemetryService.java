package io.kinglet.telemetry.internal;

import io.kinglet.boot.KingletDirectories;
import io.kinglet.health.api.HealthResults;
import io.kinglet.telemetry.api.Priority;
import io.kinglet.telemetry.api.Telemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Telemetry} service: messages go to the durable queue at once and are forwarded to the
 * broker when it is reachable. Owns the queue, its writer thread, the forwarder and the heartbeat,
 * all started in activate and stopped in deactivate.
 */
@Component(
        service = {Telemetry.class, TelemetryService.class},
        configurationPid = TelemetryService.PID,
        // only with a configuration: a device without a broker configured sends nothing anywhere
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TelemetryConfiguration.class)
public class TelemetryService implements Telemetry {

    /** The configuration that turns telemetry on; its commands, metrics and check follow it. */
    static final String PID = "io.kinglet.telemetry";

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryService.class);
    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    /**
     * What {@code telemetry:stats}, the metrics and the health check report. {@code diskFull} says
     * why new messages are refused for want of space (null while they fit); {@code keptAside} are
     * damaged queue files beside the queue, {@code salvaged} this run's last salvage (or null).
     */
    record Stats(
            long queued,
            long queuedBytes,
            int inFlight,
            long sent,
            long dropped,
            Map<Refusal, Long> refused,
            MqttForwarder.State broker,
            Duration oldestAge,
            boolean paused,
            String storeFailure,
            String diskFull,
            List<Path> keptAside,
            QueueSalvage.Report salvaged) {

        long refusedTotal() {
            return refused.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final String prefix;
    private final int maxAgeSeconds;
    private final MessageStore store;
    private final StoreWriter writer;
    private final MqttForwarder forwarder;
    private final ScheduledExecutorService scheduler;
    private final Thread writerThread;
    private final Thread forwarderThread;
    private volatile HealthCheckExecutor health;

    @Activate
    public TelemetryService(BundleContext context, TelemetryConfiguration config)
            throws SQLException, MqttException, IOException, GeneralSecurityException {
        URI broker = URI.create(config.broker_url());
        if (broker.getScheme() == null || !SCHEMES.contains(broker.getScheme()) || broker.getHost() == null) {
            throw new IllegalArgumentException(
                    "broker.url '" + config.broker_url() + "' is not tcp://, ssl://, ws:// or wss:// with a host");
        }
        String device =
                config.device_id().isBlank() ? InetAddress.getLocalHost().getHostName() : config.device_id();
        prefix = config.topic_prefix().isBlank() ? device + "/" : config.topic_prefix() + "/" + device + "/";
        maxAgeSeconds = config.health_maxAgeSeconds();
        Path stateDir = KingletDirectories.state(context);
        Path queue = stateDir.resolve(config.queue_path());
        DiskSpace disk = DiskSpace.of(queue.toAbsolutePath().getParent(), stateDir);
        store = new MessageStore(queue);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "kinglet-telemetry-scheduler"));
        writer = new StoreWriter(
                store,
                config.queue_quotaBytes(),
                config.queue_fullPolicy().equals("drop-lowest-priority-oldest"),
                disk,
                this::wakeForwarder);
        StatusReport status = new StatusReport(context, device, this::healthSummary);
        try {
            forwarder = new MqttForwarder(
                    store,
                    writer,
                    scheduler,
                    new ForwarderSettings(
                            config.broker_url(),
                            "kinglet-" + device,
                            prefix,
                            config.username(),
                            config.password(),
                            BrokerTls.socketFactory(KingletDirectories.state(context), config),
                            config.forward_maxInflight(),
                            config.reconnect_maxDelaySeconds()),
                    status);
        } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
            // activation fails: release what was opened so far
            scheduler.shutdownNow();
            store.close();
            throw e;
        }
        writerThread = new Thread(writer, "kinglet-telemetry-writer");
        forwarderThread = new Thread(forwarder, "kinglet-telemetry-forwarder");
        writerThread.start();
        forwarderThread.start();
        forwarder.start();
        if (config.heartbeat_intervalSeconds() > 0) {
            scheduler.scheduleAtFixedRate(
                    forwarder::publishStatus,
                    config.heartbeat_intervalSeconds(),
                    config.heartbeat_intervalSeconds(),
                    TimeUnit.SECONDS);
        }
        LOG.debug(
                "Telemetry: queue {} ({} messages waiting), broker {}, topics {}*",
                queue,
                store.size().messages(),
                config.broker_url(),
                prefix);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void setHealth(HealthCheckExecutor executor) {
        health = executor;
    }

    void unsetHealth(HealthCheckExecutor executor) {
        if (health == executor) {
            health = null;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException, SQLException {
        scheduler.shutdownNow();
        forwarder.stop();
        forwarderThread.interrupt();
        writer.stop();
        writerThread.join(5_000);
        forwarderThread.join(2_000);
        store.close();
    }

    @Override
    public CompletionStage<Long> publish(String topic, byte[] payload, int qos, Priority priority) {
        validTopic(topic);
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("QoS " + qos + " is not supported (0 or 1)");
        }
        if (payload == null || priority == null) {
            throw new IllegalArgumentException("payload and priority are required");
        }
        return writer.submit(
                QueuedMessage.unsaved(prefix + topic, payload, qos, priority.ordinal(), System.currentTimeMillis()));
    }

    @Override
    public CompletionStage<Long> publishJson(String topic, String json, int qos, Priority priority) {
        return publish(topic, json.getBytes(StandardCharsets.UTF_8), qos, priority);
    }

    static void validTopic(String topic) {
        if (topic == null
                || topic.isEmpty()
                || topic.startsWith("/")
                || topic.contains("#")
                || topic.contains("+")
                || topic.contains("\u0000")) {
            throw new IllegalArgumentException(
                    "topic '" + topic + "' must be relative (no leading /), non-empty, without wildcards # or +");
        }
    }

    Stats stats() {
        Map<Refusal, Long> refused = new EnumMap<>(Refusal.class);
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, writer.refused(reason));
        }
        List<Path> keptAside;
        try {
            keptAside = store.keptAside();
        } catch (IOException e) {
            keptAside = List.of();
        }
        MessageStore.Size size;
        String failure = writer.failure();
        try {
            size = store.size();
        } catch (SQLException e) {
            size = new MessageStore.Size(-1, -1, 0);
            failure = e.getMessage();
        }
        Duration age = size.messages() <= 0
                ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - size.oldestCreatedMillis()));
        return new Stats(
                size.messages(),
                size.bytes(),
                forwarder.inFlight(),
                forwarder.sent(),
                writer.dropped(),
                refused,
                forwarder.state(),
                age,
                forwarder.paused(),
                failure,
                writer.diskFull(),
                keptAside,
                store.salvaged());
    }

    int maxAgeSeconds() {
        return maxAgeSeconds;
    }

    void pause() {
        forwarder.pause();
        LOG.info("Telemetry: forwarding paused by the operator; messages keep queueing on disk");
    }

    void resume() {
        forwarder.resume();
        LOG.info("Telemetry: forwarding resumed");
    }

    /** Waits until the queue is empty (everything acknowledged) or the timeout passes; true if empty. */
    boolean flush(Duration timeout) throws InterruptedException {
        forwarder.resume();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Stats stats = stats();
            if (stats.queued() == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private void wakeForwarder() {
        forwarder.wake();
    }

    private String healthSummary() {
        HealthCheckExecutor executor = health;
        if (executor == null) {
            return "UNKNOWN";
        }
        return HealthResults.overall(executor.execute(HealthCheckSelector.names("")))
                .name();
    }
}
