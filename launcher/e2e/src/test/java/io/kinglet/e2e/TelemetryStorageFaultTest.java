package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The telemetry queue when its storage fails: a full disk is refused with the reason and heals by
 * itself, a damaged queue file is salvaged at the next start; messages acknowledged as stored are
 * delivered in both cases, and the capability never stops working.
 */
class TelemetryStorageFaultTest {

    private static final String DEVICE = "e2e-device";
    private static final String TOPIC = "kinglet/" + DEVICE + "/sensors/t";
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    private MosquittoBroker broker;
    private MqttRecorder recorder;

    @BeforeEach
    void broker() throws Exception {
        broker = MosquittoBroker.start();
        recorder = new MqttRecorder(broker.url(), "kinglet/" + DEVICE + "/#");
    }

    @AfterEach
    void stopBroker() throws Exception {
        recorder.close();
        broker.close();
    }

    private KingletProcess.Builder runtime() {
        return KingletProcess.builder().configFile("io.kinglet.telemetry.cfg", """
                broker.url = %s
                device.id = %s
                reconnect.maxDelaySeconds = 2
                """.formatted(broker.url(), DEVICE));
    }

    @Test
    void onAFullDiskNewMessagesAreRefusedWithTheReasonStoredOnesStillGoAndRoomBringsItBack() throws Exception {
        boolean available = SmallDisk.available();
        if (!available) {
            System.err.println("TelemetryStorageFaultTest disk-full case SKIPPED: mounting a tmpfs needs root");
        }
        assumeTrue(available, "mounting a tmpfs needs root (CI runs as root)");
        try (KingletProcess kinglet = runtime().stateOnSmallDisk(48).start()) {
            kinglet.awaitLogLine("Telemetry: connected to", Duration.ofSeconds(30));
            // forwarding held, so the queue cannot drain while the disk is full
            assertThat(kinglet.shell("telemetry:pause")).isEqualTo("Forwarding paused\n");
            assertThat(kinglet.shell("telemetry:publish -n 2000 sensors/t stored"))
                    .startsWith("Queued 2000 messages");

            kinglet.smallDisk().fill();
            String refused = kinglet.shell("telemetry:publish -n 50 sensors/t refused");

            assertThat(refused).contains("50 not stored: disk full: ").contains(" free in " + kinglet.stateDir());
            try {
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(
                                        kinglet.get("/health?tags=telemetry").body())
                                .contains("disk full"));
            } catch (RuntimeException e) {
                System.err.println(
                        "Device:\n" + kinglet.shell("telemetry:stats") + "\nKinglet's log:\n" + kinglet.log());
                throw e;
            }
            // forwarding goes on at disk full: what was stored is delivered and deleted
            kinglet.shell("telemetry:resume");
            await().atMost(DELIVERY)
                    .until(() -> ids().containsAll(
                                    LongStream.rangeClosed(1, 2000).boxed().toList()));
            kinglet.smallDisk().free();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> kinglet.shell("telemetry:publish sensors/t room-again")
                            .startsWith("Queued 1 message"));
            await().atMost(DELIVERY)
                    .until(() -> recorder.on(TOPIC).stream()
                            .anyMatch(r -> r.payload().equals("room-again")));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=telemetry").body())
                            .doesNotContain("disk full"));
        }
    }

    @Test
    void aQueueDamagedWhileStoppedIsSalvagedAtTheNextStartAndWhatCouldBeReadIsDelivered() throws Exception {
        try (KingletProcess kinglet = runtime().start()) {
            kinglet.awaitLogLine("Telemetry: connected to", Duration.ofSeconds(30));
            kinglet.shell("telemetry:pause");
            assertThat(kinglet.shell("telemetry:publish -n 3000 sensors/t kept"))
                    .startsWith("Queued 3000 messages");
            kinglet.stop();
            Path queue = kinglet.stateDir().resolve("telemetry/queue.db");
            try (RandomAccessFile file = new RandomAccessFile(queue.toFile(), "rw")) {
                file.setLength(file.length() / 2);
                file.seek(file.length() / 2);
                file.write(new byte[4096]);
            }

            kinglet.startAgain();

            String line = kinglet.awaitLogLine("Telemetry: queue .* was damaged", Duration.ofSeconds(30));
            assertThat(line).contains("WARN").contains(queue.toString()).contains("kept it aside as queue.db.damaged-");
            Matcher recovered = Pattern.compile("(\\d+) messages recovered").matcher(line);
            assertThat(recovered.find()).as(line).isTrue();
            long salvaged = Long.parseLong(recovered.group(1));
            assertThat(salvaged).isPositive().isLessThan(3000);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=telemetry").body())
                            .contains("WARN")
                            .contains("damaged"));
            assertThat(kinglet.shell("telemetry:publish sensors/t after")).startsWith("Queued 1 message");
            try {
                await().atMost(DELIVERY).until(() -> ids().size() >= salvaged + 1);
            } catch (RuntimeException e) {
                System.err.println("Received " + ids().size() + " of " + (salvaged + 1) + "; device:\n"
                        + kinglet.shell("telemetry:stats") + "\nKinglet's log:\n" + kinglet.log()
                        + "\nMosquitto's log:\n"
                        + Files.readString(broker.dir().resolve("mosquitto.log")));
                throw e;
            }
        }
    }

    private java.util.Set<Long> ids() {
        return recorder.on(TOPIC).stream().map(MqttRecorder.Received::id).collect(java.util.stream.Collectors.toSet());
    }
}
