package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Sense HAT reader in the default profile, on the simulated chips, as an operator drives it. */
class SenseHatTest {

    private static final String CONFIG = """
            i2c.target = (kinglet.i2c.provider=simulated)
            bus = 1
            intervalSeconds = 1
            publish = temperature, humidity, pressure
            retryMaxSeconds = 2
            sysfsRoot = ${kinglet.state.dir}/sim/sys
            devRoot = ${kinglet.state.dir}/sim/dev
            """;
    /**
     * Chips without drift, and an HTS221 whose factory calibration is unlike the default one: the
     * driver must read the part's own calibration block to get the set values back.
     */
    private static final String SIMULATION = """
            drift = false
            root = ${kinglet.state.dir}/sim
            hts221H0RhX2 = 52
            hts221H1RhX2 = 170
            hts221T0DegCX8 = 141
            hts221T1DegCX8 = 301
            hts221H0T0Out = 2211
            hts221H1T0Out = -6012
            hts221T0Out = -2048
            hts221T1Out = 3190
            """;

    private static KingletProcess kinglet;

    private static final String ALERT = """
            name = too hot
            quantity = temperature
            max = 30
            hysteresis = 1
            durationSeconds = 2
            """;

    private static MosquittoBroker broker;
    private static MqttRecorder fleet;
    private static HttpServer receiver;
    private static final List<String> webhooks = new CopyOnWriteArrayList<>();
    /** The reader's configuration file as the runtime started with it (the webhook's port is chosen then). */
    private static String readerConfig;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start();
        fleet = new MqttRecorder(broker.url(), "kinglet/e2e-sense/#");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/slack", exchange -> {
            webhooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String webhook =
                "webhook.url = http://127.0.0.1:" + receiver.getAddress().getPort() + "/slack\n";
        kinglet = KingletProcess.builder()
                .configFile("io.kinglet.sensehat.cfg", readerConfig = CONFIG + webhook)
                .configFile("io.kinglet.hardware.sim.cfg", SIMULATION)
                .configFile("io.kinglet.sensehat.alert-hot.cfg", ALERT)
                .configFile("io.kinglet.telemetry.cfg", "broker.url = " + broker.url() + "\ndevice.id = e2e-sense\n")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        kinglet.close();
        receiver.stop(0);
        fleet.close();
        broker.close();
    }

    @Test
    void aTemperaturePastItsThresholdRaisesAnAlertEverywhereAndComingBackClearsIt() throws IOException {
        kinglet.shell("sim:set temperature 35");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> webhooks.stream()
                        .anyMatch(w -> w.contains("Alert raised: too hot: temperature 35.00 °C above 30.0")));
        assertThat(kinglet.get("/health?tags=sensehat").body())
                .contains("\"status\":\"WARN\"")
                .contains("alert too hot");
        assertThat(kinglet.shell("sense:alerts")).contains("RAISED  too hot").contains("1 raised of 1 configured");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fleet.on("kinglet/e2e-sense/sensehat/alert").stream()
                        .anyMatch(m -> m.payload().contains("\"state\":\"raised\"")));

        kinglet.shell("sim:set temperature 22");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> webhooks.stream()
                        .anyMatch(w -> w.contains("Alert cleared: too hot: temperature back to 22.00")));
        assertThat(kinglet.shell("sense:alerts")).contains("0 raised of 1 configured");
        assertThat(kinglet.shell("sense:alert-test")).contains("answered HTTP 200");
        assertThat(kinglet.log()).doesNotContain("/slack");
    }

    /** The value {@code sense:read} shows for {@code quantity}, or NaN when it has none. */
    private static double reading(String quantity) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + quantity + "\\s+(-?[0-9.]+) ").matcher(kinglet.shell("sense:read"));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void senseReadShowsTheSimulatedChipsValuesWithUnits() throws IOException {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(kinglet.shell("sense:read"))
                        .containsPattern("(?m)^temperature\\s+-?[0-9.]+ °C")
                        .containsPattern("(?m)^humidity\\s+[0-9.]+ %rH")
                        .containsPattern("(?m)^pressure\\s+[0-9.]+ hPa")
                        .containsPattern("(?m)^acceleration_z\\s+[0-9.]+ g")
                        .contains("HTS221 at 0x5f on I2C bus 1: answering")
                        .contains("LPS25H at 0x5c on I2C bus 1: answering"));
        assertThat(reading("pressure")).isBetween(850.0, 1100.0);
        assertThat(kinglet.get("/metrics").body()).contains("kinglet_sensehat_pressure_hectopascals");
    }

    @Test
    void simSetMovesWhatTheDriversRead() throws IOException {
        kinglet.shell("sim:set temperature 31.5");
        kinglet.shell("sim:set humidity 63");
        kinglet.shell("sim:set pressure 990");
        // within the chips' resolution: this HTS221's calibration gives about 0.004 °C and 0.01 %rH per LSB
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(reading("temperature")).isCloseTo(31.5, org.assertj.core.data.Offset.offset(0.01));
            assertThat(reading("humidity")).isCloseTo(63.0, org.assertj.core.data.Offset.offset(0.02));
            assertThat(reading("pressure")).isCloseTo(990.0, org.assertj.core.data.Offset.offset(0.001));
        });
    }

    @Test
    void aChipThatStopsAnsweringIsNamedInHealthWhileTheOthersKeepReporting() throws Exception {
        kinglet.shell("sim:fail hts221");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(kinglet.get("/health?tags=sensehat").body())
                                .contains("\"status\":\"WARN\"")
                                .contains("HTS221 at 0x5f on I2C bus 1 does not answer"));
        kinglet.shell("sim:set pressure 1020");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(reading("pressure")).isCloseTo(1020.0, org.assertj.core.data.Offset.offset(1.0)));
        assertThat(kinglet.shell("sense:read")).contains("HTS221 at 0x5f on I2C bus 1: FAILING");

        kinglet.shell("sim:heal hts221");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(kinglet.get("/health?tags=sensehat").body()).doesNotContain("\"status\":\"WARN\""));
    }

    @Test
    void theJoystickAndTheCpuTemperatureComeFromTheSimulatedTree() throws IOException {
        assertThat(kinglet.shell("sim:press ENTER")).contains("joystick ENTER pressed and released");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(kinglet.shell("sense:read")).containsPattern("last key: ENTER at "));
        kinglet.shell("sim:set cpu 65");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(reading("cpu_temperature")).isEqualTo(65.0));
    }

    @Test
    void aBadConfigurationIsRefusedNamingTheProperty() throws IOException {
        kinglet.dropConfig(
                "io.kinglet.sensehat.cfg", readerConfig.replace("intervalSeconds = 1", "intervalSeconds = 0"));
        // the refused file changes nothing: the reader keeps its last good configuration
        String line = kinglet.awaitLogLine("WARN .*io\\.kinglet\\.sensehat\\.cfg refused", Duration.ofSeconds(10));
        assertThat(line).contains("intervalSeconds");
        kinglet.dropConfig("io.kinglet.sensehat.cfg", readerConfig);
    }
}
