package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The telemetry queue against a real Mosquitto: nothing lost through outages and crashes. */
class TelemetryTest {

    private static final String DEVICE = "e2e-device";
    private static final String TOPIC = "kinglet/" + DEVICE + "/sensors/t";
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    /** The forwarder's window: what a crash may deliver twice at most. */
    private static final int WINDOW = 200;

    private MosquittoBroker broker;
    private MqttRecorder recorder;
    private KingletProcess kinglet;

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start();
        recorder = new MqttRecorder(broker.url(), "kinglet/" + DEVICE + "/#");
        kinglet = KingletProcess.builder()
                .configFile("io.kinglet.telemetry.cfg", """
                broker.url = %s
                device.id = %s
                heartbeat.intervalSeconds = 1
                reconnect.maxDelaySeconds = 2
                forward.maxInflight = %d
                """.formatted(broker.url(), DEVICE, WINDOW))
                .start();
        try {
            kinglet.awaitLogLine("Telemetry: connected to " + broker.url(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            System.err.println("Telemetry did not connect; Kinglet's log:\n" + kinglet.log());
            throw e;
        }
    }

    @AfterEach
    void stop() throws Exception {
        kinglet.close();
        recorder.close();
        broker.close();
    }

    @Test
    void messagesArriveInOrderUnderTheDevicePrefixWithStableIds() throws IOException {
        assertThat(kinglet.shell("telemetry:publish -n 100 sensors/t m"))
                .startsWith("Queued 100 messages (ids 1..100)");

        await().atMost(DELIVERY).until(() -> recorder.on(TOPIC).size() >= 100);
        List<MqttRecorder.Received> got = recorder.on(TOPIC);
        for (int i = 0; i < 100; i++) {
            assertThat(got.get(i).payload()).isEqualTo("m-" + (i + 1));
            assertThat(got.get(i).id()).isEqualTo(i + 1);
        }
        // the broker may hand the last message to the consumer before the device has its acknowledgement
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(kinglet.shell("telemetry:stats"))
                        .contains("Queued       0 messages", "Sent         100"));
    }

    @Test
    void tenThousandMessagesPublishedWhileTheBrokerIsDownAllArriveAfterItReturns() throws Exception {
        broker.stop();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(kinglet.shell("telemetry:stats")).doesNotContain("Broker       connected"));

        assertThat(kinglet.shell("telemetry:publish -n 10000 sensors/t m")).startsWith("Queued 10000 messages");
        assertThat(kinglet.shell("telemetry:stats")).contains("Queued       10000 messages");

        broker.startAgain();

        awaitAllDelivered(10_000);
        assertInOrderPerTopic(recorder.on(TOPIC));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(kinglet.shell("telemetry:stats")).contains("Queued       0 messages"));
    }

    /** kill -9 while forwarding: nothing lost, and at most the in-flight window delivered twice. */
    @Test
    void aRuntimeKilledMidFlowLosesNothingAndRepeatsAtMostTheWindowAfterRestart() throws Exception {
        assertThat(kinglet.shell("telemetry:publish -n 10000 sensors/t m")).startsWith("Queued 10000 messages");
        kinglet.kill();
        int before = recorder.on(TOPIC).size();

        kinglet.startAgain();

        awaitAllDelivered(10_000);
        List<MqttRecorder.Received> got = recorder.on(TOPIC);
        assertInOrderPerTopic(got);
        System.out.printf(
                "kill -9 after %d of 10000 received; %d duplicates after restart%n", before, got.size() - 10_000);
        assertThat(got.size() - 10_000).as("messages delivered twice").isLessThanOrEqualTo(WINDOW);
    }

    @Test
    void theDeviceStatusIsRetainedAndTheLastWillMarksItOffline() throws Exception {
        String status = "kinglet/" + DEVICE + "/status";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> recorder.on(status).stream()
                        .anyMatch(r -> r.payload().contains("\"online\":true")
                                && r.payload().contains("io.kinglet.telemetry")));

        kinglet.kill();

        await().atMost(Duration.ofSeconds(90))
                .until(() ->
                        recorder.on(status).stream().anyMatch(r -> r.payload().equals("{\"online\":false}")));
    }

    @Test
    void aGracefulStopMarksTheDeviceOfflineAtOnce() throws Exception {
        String status = "kinglet/" + DEVICE + "/status";
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        recorder.on(status).stream().anyMatch(r -> r.payload().contains("\"online\":true")));

        kinglet.stop();

        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        recorder.on(status).stream().anyMatch(r -> r.payload().equals("{\"online\":false}")));
    }

    @Test
    void pausedForwardingKeepsMessagesOnDiskUntilResumed() throws Exception {
        assertThat(kinglet.shell("telemetry:pause")).isEqualTo("Forwarding paused\n");
        kinglet.shell("telemetry:publish -n 10 sensors/t p");
        assertThat(kinglet.shell("telemetry:stats")).contains("Queued       10 messages", "(forwarding paused)");

        assertThat(kinglet.shell("telemetry:flush -t 30")).contains("Queue empty");

        await().atMost(DELIVERY).until(() -> recorder.on(TOPIC).size() >= 10);
    }

    @Test
    void queueMetricsAreExposed() throws IOException {
        kinglet.shell("telemetry:publish -n 5 sensors/t x");
        await().atMost(DELIVERY)
                .untilAsserted(() -> assertThat(kinglet.get("/metrics").body())
                        .contains(
                                "kinglet_telemetry_sent_total 5.0",
                                "kinglet_telemetry_queued_messages 0.0",
                                "kinglet_telemetry_broker_connected{state=\"connected\"} 1.0"));
    }

    @Test
    void aFullQueueDropsTheLowestPriorityOldestMessagesCountedAndLogged() throws Exception {
        reconfigurePaused("queue.quotaBytes = 4096");
        String kilobyte = "x".repeat(1000);

        kinglet.shell("telemetry:publish -p LOW -n 3 sensors/t low-" + kilobyte);
        kinglet.shell("telemetry:publish -p HIGH -n 3 sensors/t high-" + kilobyte);

        assertThat(kinglet.shell("telemetry:stats")).contains("Queued       4 messages", "Dropped      2");
        assertThat(kinglet.awaitLogLine("Telemetry: queue full", Duration.ofSeconds(5)))
                .contains("WARN");
        kinglet.shell("telemetry:flush");
        await().atMost(DELIVERY).until(() -> recorder.on(TOPIC).size() >= 4);
        // the two oldest LOW messages made room; the newest LOW one and every HIGH one arrive
        assertThat(recorder.on(TOPIC).stream()
                        .map(r -> r.payload().replace(kilobyte, ""))
                        .toList())
                .containsExactly("low--3", "high--1", "high--2", "high--3");
    }

    @Test
    void theHealthCheckWarnsWhenMessagesWaitTooLong() throws Exception {
        reconfigurePaused("health.maxAgeSeconds = 1");
        kinglet.shell("telemetry:publish sensors/t waiting");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(kinglet.get("/health?tags=telemetry").body())
                                .contains("\"status\":\"WARN\"", "Oldest queued message is"));
    }

    @Test
    void malformedConfigurationIsRefusedAndTheServiceKeepsRunning() throws IOException {
        kinglet.dropConfig(
                "io.kinglet.telemetry.cfg", "broker.url = tcp://127.0.0.1:1\nqueue.fullPolicy = sometimes\n");

        assertThat(kinglet.awaitLogLine("io\\.kinglet\\.telemetry\\.cfg refused", Duration.ofSeconds(10)))
                .contains("property 'queue.fullPolicy'", "\"sometimes\" is not allowed");
        assertThat(kinglet.shell("telemetry:stats")).contains("Broker       connected");
    }

    @Test
    void aBrokerUrlThatIsNotMqttFailsTheServiceVisiblyInHealth() throws IOException {
        kinglet.dropConfig("io.kinglet.telemetry.cfg", "broker.url = http://127.0.0.1:8080\n");

        // the JSON escapes '/' as '\/'
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(kinglet.get("/health?tags=components")
                                        .body()
                                        .replace("\\/", "/"))
                                .contains(
                                        "CRITICAL",
                                        "broker.url 'http://127.0.0.1:8080' is not tcp://, ssl://, ws:// or wss:// with a host"));
    }

    /** Restarts the service with one more property, waits for its connection, and pauses forwarding. */
    private void reconfigurePaused(String property) throws IOException {
        kinglet.dropConfig(
                "io.kinglet.telemetry.cfg",
                "broker.url = %s\ndevice.id = %s\n%s\n".formatted(broker.url(), DEVICE, property));
        kinglet.awaitLogLine("Telemetry: connected to", Duration.ofSeconds(30));
        kinglet.shell("telemetry:pause");
    }

    /** Waits until every id arrived; on a timeout says what the device and the consumer saw. */
    private void awaitAllDelivered(int count) throws IOException {
        try {
            await().atMost(DELIVERY).until(() -> distinctIds(recorder.on(TOPIC)) == count);
        } catch (RuntimeException e) {
            System.err.println("Received " + distinctIds(recorder.on(TOPIC)) + " distinct of " + count + "; device:\n"
                    + kinglet.shell("telemetry:stats") + "\nKinglet's log:\n" + kinglet.log() + "\nMosquitto's log:\n"
                    + java.nio.file.Files.readString(broker.dir().resolve("mosquitto.log")));
            throw e;
        }
    }

    private static long distinctIds(List<MqttRecorder.Received> got) {
        return got.stream().mapToLong(MqttRecorder.Received::id).distinct().count();
    }

    /** Duplicates may repeat earlier ids, but first deliveries of each id come in publish order. */
    private static void assertInOrderPerTopic(List<MqttRecorder.Received> got) {
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (MqttRecorder.Received r : got) {
            if (seen.add(r.id())) {
                assertThat(r.id())
                        .as("first delivery of %d after %d", r.id(), last)
                        .isGreaterThan(last);
                last = r.id();
            }
        }
    }
}
