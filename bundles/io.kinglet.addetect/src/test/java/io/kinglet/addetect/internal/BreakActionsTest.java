package io.kinglet.addetect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Break actions run for real: shell commands and HTTP requests to a server on loopback. */
class BreakActionsTest {

    private static final BreakActions.Action NONE = new BreakActions.Action("", "");

    @TempDir
    Path dir;

    private BreakActions actions;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (actions != null) {
            actions.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static BreakActions.Occurrence started(double start) {
        return new BreakActions.Occurrence("started", start, Double.NaN, 0.9, "file feed.mp4", Instant.now());
    }

    private static BreakActions.Occurrence ended(double start, double end) {
        return new BreakActions.Occurrence("ended", start, end, 0.9, "file feed.mp4", Instant.now());
    }

    private BreakActions commands(String onStart, String onEnd, int timeoutSeconds) {
        actions = new BreakActions(
                new BreakActions.Action(onStart, ""),
                new BreakActions.Action(onEnd, ""),
                "POST",
                "",
                Duration.ofSeconds(timeoutSeconds),
                dir.resolve("work"));
        return actions;
    }

    @Test
    void aCommandIsToldTheBreakThroughItsEnvironment() {
        Path out = dir.resolve("out");
        String write = "echo \"$KINGLET_BREAK_EVENT $KINGLET_BREAK_START $KINGLET_BREAK_END"
                + " $KINGLET_BREAK_CONFIDENCE $KINGLET_BREAK_SOURCE\" >> " + out;
        BreakActions actions = commands(write, write, 5);

        actions.fire(started(20.04));
        actions.fire(ended(20.04, 46.0));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(out)
                        .hasContent("started 20.0  0.90 file feed.mp4\nended 20.0 46.0 0.90 file feed.mp4"));
        assertThat(actions.failures()).isZero();
    }

    @Test
    void aFailingCommandIsReportedWithItsLastErrorLine() {
        BreakActions actions = commands("echo starting >&2; echo 'cec: no adapter' >&2; exit 3", "", 5);

        actions.fire(started(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> actions.failures() == 1);
        assertThat(actions.lastFailure()).isEqualTo("started: command exited 3: cec: no adapter");
    }

    @Test
    void aHungCommandIsKilledAtItsTimeoutAndTheNextActionStillRuns() {
        Path out = dir.resolve("out");
        BreakActions actions = commands("sleep 30", "echo done > " + out, 1);

        actions.fire(started(1));
        actions.fire(ended(1, 30));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(out).hasContent("done"));
        assertThat(actions.failures()).isOne();
        assertThat(actions.lastFailure()).isEqualTo("started: command still running after 1 s; killed");
    }

    @Test
    void actionsSlowerThanTheBreaksAreDroppedInsteadOfWaitedFor() {
        BreakActions actions = commands("sleep 30", "", 30);

        for (int i = 0; i < 20; i++) {
            actions.fire(started(i));
        }

        // one running, eight waiting, the other eleven dropped at once
        assertThat(actions.failures()).isEqualTo(11);
        assertThat(actions.lastFailure()).startsWith("started: dropped: 8 actions already waiting");
    }

    @Test
    void aRequestCarriesTheBreakAsJsonWithTheAuthorization() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mute", exchange -> {
            received.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery() == null ? 204 : 500, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/mute";
        actions = new BreakActions(
                new BreakActions.Action("", base),
                new BreakActions.Action("", base + "?fail"),
                "PUT",
                "Bearer s3cret",
                Duration.ofSeconds(5),
                dir);

        actions.fire(started(20));
        actions.fire(ended(20, 46));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2 && actions.failures() == 1);
        assertThat(received.get(0))
                .startsWith("PUT Bearer s3cret {\"event\":\"started\",\"start\":20.0,\"confidence\":0.90,"
                        + "\"source\":\"file feed.mp4\",\"at\":\"");
        assertThat(received.get(1)).contains("\"event\":\"ended\",\"start\":20.0,\"end\":46.0,");
        assertThat(actions.lastFailure()).isEqualTo("ended: HTTP PUT to 127.0.0.1 answered 500");
    }

    @Test
    void anUnreachableUrlFailsWithinTheTimeout() throws IOException {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        actions = new BreakActions(
                new BreakActions.Action("", "http://127.0.0.1:" + closed + "/mute"),
                NONE,
                "POST",
                "",
                Duration.ofSeconds(2),
                dir);

        actions.fire(started(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> actions.failures() == 1);
        assertThat(actions.lastFailure()).startsWith("started: HTTP POST to 127.0.0.1 failed: ");
    }

    @Test
    void onlyAbsoluteHttpUrlsAreTaken() {
        assertThat(BreakActions.checked("onStartUrl", "http://192.168.1.20/ir?code=mute"))
                .isEqualTo("http://192.168.1.20/ir?code=mute");
        assertThat(BreakActions.checked("onStartUrl", " https://hass.local/api/webhook/x "))
                .isEqualTo("https://hass.local/api/webhook/x");
        assertThat(BreakActions.checked("onStartUrl", "ftp://host/file")).isEmpty();
        assertThat(BreakActions.checked("onStartUrl", "/mute")).isEmpty();
        assertThat(BreakActions.checked("onStartUrl", "http://bad host/")).isEmpty();
        assertThat(BreakActions.checked("onStartUrl", "")).isEmpty();
    }

    @Test
    void nothingConfiguredDoesNothing() {
        actions = new BreakActions(NONE, NONE, "POST", "", Duration.ofSeconds(1), dir);
        actions.fire(started(1));
        assertThat(actions.describe()).isEqualTo("on start nothing, on end nothing");
        assertThat(actions.failures()).isZero();
    }
}
