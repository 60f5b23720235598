package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ad-break detector in the real launcher on a file source: a recording made here with ffmpeg, a
 * programme with its logo, a break of adverts between black-and-silent separators, the programme again.
 * The break reaches Event Admin (an LED reaction plays), telemetry (a real Mosquitto), the configured
 * command and HTTP request, {@code ad:status} and {@code /metrics}.
 */
class AdDetectTest {

    /** Programme 20 s, black 0.5 s, adverts 25 s, black 0.5 s, programme 20 s: the break is 20.0-46.0 s. */
    private static final double BREAK_START = 20.0;

    private static final double BREAK_END = 46.0;
    private static final String SECRET = "Bearer e2e-unmute-secret";

    @TempDir
    static Path dir;

    private static MosquittoBroker broker;
    private static MqttRecorder fleet;
    private static HttpServer tv;
    private static final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start();
        fleet = new MqttRecorder(broker.url(), "kinglet/e2e-ad/#");
        tv = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tv.createContext("/unmute", exchange -> {
            requests.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        tv.start();
    }

    @AfterAll
    static void stop() throws Exception {
        tv.stop(0);
        fleet.close();
        broker.close();
    }

    private static Path recording() throws IOException, InterruptedException {
        return TestClips.clip()
                .programme(20)
                .black(0.5)
                .advert(12.5, 1)
                .advert(12.5, 3)
                .black(0.5)
                .programme(20)
                .write(dir.resolve("feed.mp4"));
    }

    /** ffmpeg behind a switch: while {@code unplugged} exists it fails as with a capture device gone. */
    private static Path switchableFfmpeg() throws IOException {
        Path script = dir.resolve("ffmpeg");
        Files.writeString(
                script,
                "#!/bin/sh\nif [ -e " + dir.resolve("unplugged") + " ]; then\n"
                        + "  echo '/dev/video0: No such device' >&2; exit 1\nfi\nexec ffmpeg \"$@\"\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    @Test
    void aFileSourceReportsTheBreakEverywhereAndSurvivesFfmpegDying() throws Exception {
        Path feed = recording();
        Path actions = dir.resolve("actions.log");
        String source = "kind = file\nsource = " + feed + "\nffmpeg = " + switchableFfmpeg() + "\nstallSeconds = 5\n"
                + "onStartCommand = echo $KINGLET_BREAK_EVENT $KINGLET_BREAK_START >> " + actions + "\n"
                + "onEndUrl = http://127.0.0.1:" + tv.getAddress().getPort() + "/unmute\n"
                + "httpAuthorization = " + SECRET + "\n";
        try (KingletProcess kinglet = KingletProcess.builder()
                .configFile("io.kinglet.addetect.cfg", source + "realtime = false\n")
                .configFile("io.kinglet.telemetry.cfg", "broker.url = " + broker.url() + "\ndevice.id = e2e-ad\n")
                .start()) {
            // decoded as fast as ffmpeg goes, then again (a file's end is the feed's end)
            String started = kinglet.awaitLogLine("Ad detector: break started at [0-9.]+ s", Duration.ofSeconds(60));
            assertThat(seconds(started, "started at ([0-9.]+) s")).isBetween(BREAK_START - 1, BREAK_START + 1);
            String ended = kinglet.awaitLogLine("Ad detector: break ended at [0-9.]+ s", Duration.ofSeconds(60));
            assertThat(seconds(ended, "ended at ([0-9.]+) s")).isBetween(BREAK_END - 1, BREAK_END + 1);
            // Event Admin: the default LED reaction to a break plays
            kinglet.awaitLogLine("LED: reaction 'ad-break' starts pulse", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(kinglet.shell("ad:status"))
                            .containsPattern("last breaks: \\n  (19|20|21)\\.\\d s to (45|46|47)\\.\\d s")
                            .contains("actions: on start a command, on end HTTP to 127.0.0.1"));

            // telemetry, through the durable queue to the broker
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(fleet.on("kinglet/e2e-ad/addetect/break"))
                            .extracting(MqttRecorder.Received::payload)
                            .anyMatch(
                                    p -> p.matches(
                                            "\\{\"event\":\"started\",\"start\":(19|20|21)\\.\\d,\"confidence\":[01]\\.\\d\\d,.*"))
                            .anyMatch(p -> p.matches("\\{\"event\":\"ended\",\"start\":(19|20|21)\\.\\d,"
                                    + "\"end\":(45|46|47)\\.\\d,.*\"source\":\"file " + Pattern.quote(feed.toString())
                                    + "\",\"at\":\"20.*")));
            // the actions: the command told the break's start, the HTTP request carried the end
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(actions).content().containsPattern("^started (19|20|21)\\.\\d\n"));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(requests)
                            .anyMatch(r -> r.startsWith("POST " + SECRET + " {\"event\":\"ended\"")));
            assertThat(kinglet.log())
                    .doesNotContain("e2e-unmute-secret")
                    .contains("HTTP POST to 127.0.0.1 answered 204");

            assertThat(kinglet.get("/metrics").body())
                    .containsPattern("kinglet_addetect_breaks_total [1-9]")
                    .containsPattern("kinglet_addetect_frames_total [1-9]")
                    .contains("kinglet_addetect_action_failures_total 0");

            // the batch scan in the shell finds the same break
            assertThat(kinglet.shell("ad:scan " + feed))
                    .startsWith("{\"file\":\"" + feed + "\"")
                    .containsPattern("\"breaks\":\\[\\{\"start\":(19|20|21)\\.\\d,\"end\":(45|46|47)\\.\\d,");

            // at the feed's pace from now on; ffmpeg killed under it and failing for a while (unplugged)
            kinglet.dropConfig("io.kinglet.addetect.cfg", source + "realtime = true\n");
            long pid = await().atMost(Duration.ofSeconds(30)).until(() -> pid(kinglet.shell("ad:status")), p -> p > 0);
            Files.createFile(dir.resolve("unplugged"));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            kinglet.awaitLogLine("Ad detector: ffmpeg exited .*; starting ffmpeg again in", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=addetect").body().replace("\\/", "/"))
                            .contains("\"status\":\"WARN\"")
                            .contains("/dev/video0: No such device"));
            Files.delete(dir.resolve("unplugged"));
            await().atMost(Duration.ofSeconds(30)).until(() -> pid(kinglet.shell("ad:status")), p -> p > 0 && p != pid);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(
                                    kinglet.get("/health?tags=addetect").body())
                            .contains("\"status\":\"OK\"")
                            .contains("watching file"));
        }
    }

    private static double seconds(String line, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static long pid(String status) {
        Matcher m = Pattern.compile("running \\(pid (\\d+)\\)").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
