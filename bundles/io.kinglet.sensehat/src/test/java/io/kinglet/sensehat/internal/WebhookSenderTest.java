package io.kinglet.sensehat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real local HTTP server (the JDK's) that fails, hangs and recovers. */
class WebhookSenderTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    /** What the n-th call (1-based) does: a status to answer, or 0 to hang for 3 s first. */
    private volatile java.util.function.IntUnaryOperator behaviour = n -> 200;

    private WebhookSender sender;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = behaviour.applyAsInt(calls.incrementAndGet());
            if (status == 0) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.deactivate();
        }
        server.stop(0);
    }

    private WebhookSender sender(int retries, int maxQueued) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=secret";
        sender = new WebhookSender(url, Duration.ofSeconds(1), retries, maxQueued, JsonProvider.provider());
        return sender;
    }

    @Test
    void aMessageIsPostedAsSlackJsonAndTheUrlsSecretStaysOutOfWhatIsShown() throws Exception {
        WebhookSender hook = sender(0, 10);
        assertEquals(200, hook.send("Alert raised: \"hot\"").get(5, TimeUnit.SECONDS));
        assertEquals(List.of("{\"text\":\"Alert raised: \\\"hot\\\"\"}"), bodies);
        assertEquals("127.0.0.1", hook.target());
    }

    @Test
    void failuresAreRetriedWithBackOffUntilTheReceiverRecovers() throws Exception {
        behaviour = n -> n <= 2 ? 503 : 200;
        long start = System.nanoTime();
        assertEquals(200, sender(3, 10).send("x").get(15, TimeUnit.SECONDS));
        assertEquals(3, calls.get());
        // 1 s, then 2 s between attempts
        assertTrue(System.nanoTime() - start >= 2_900_000_000L);
    }

    @Test
    void aReceiverThatHangsTimesOutAndIsTriedAgain() throws Exception {
        behaviour = n -> n == 1 ? 0 : 200;
        assertEquals(200, sender(2, 10).send("x").get(15, TimeUnit.SECONDS));
        assertEquals(2, calls.get());
    }

    @Test
    void afterTheLastRetryItGivesUpWithTheReason() {
        behaviour = n -> 500;
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> sender(1, 10).send("x").get(15, TimeUnit.SECONDS));
        assertEquals("the receiver answered HTTP 500", WebhookSender.reason(e.getCause()));
        assertEquals(2, calls.get());
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfWaiting() throws Exception {
        behaviour = n -> 0;
        WebhookSender hook = sender(0, 1);
        var first = hook.send("first");
        long start = System.nanoTime();
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> hook.send("second").get());
        assertTrue(System.nanoTime() - start < 500_000_000L, "did not wait");
        assertEquals("1 webhook messages already waiting", e.getCause().getMessage());
        assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS), "timed out after 1 s");
    }
}
