package io.kinglet.hawkbit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DDI server on loopback that answers what a test sets per path (recorded hawkBit answers, or
 * failures) and records every request: method, path, the Range and Authorization headers and the body.
 */
final class StubServer implements AutoCloseable {

    /** One answer: a status, a body, and optionally how many body bytes to send before hanging up. */
    record Answer(int status, byte[] body, int cutAfter, long delayMillis) {
        static Answer json(String body) {
            return new Answer(200, body.getBytes(StandardCharsets.UTF_8), -1, 0);
        }

        static Answer status(int status) {
            return new Answer(status, new byte[0], -1, 0);
        }
    }

    record Request(String method, String path, String range, String authorization, String body) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Answer> once = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The controller's base resource as the client builds it. */
    URI base() {
        return url("/DEFAULT/controller/v1/dev-001");
    }

    void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** Answers {@code path} this way once, then as before. */
    void answerOnce(String path, Answer answer) {
        once.put(path, answer);
    }

    List<Request> to(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(
                exchange.getRequestMethod(),
                path,
                exchange.getRequestHeaders().getFirst("Range"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = once.remove(path);
        if (answer == null) {
            answer = answers.getOrDefault(
                    path, Answer.status(exchange.getRequestMethod().equals("GET") ? 404 : 200));
        }
        try {
            Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body();
        int from = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        int status = answer.status();
        if (range != null && status == 200 && body.length > 0) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            status = 206;
            exchange.getResponseHeaders()
                    .add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length - from);
        OutputStream out = exchange.getResponseBody();
        int end = answer.cutAfter() < 0 ? body.length : Math.min(body.length, from + answer.cutAfter());
        out.write(body, from, end - from);
        out.flush();
        try {
            // fewer bytes than announced: closing hangs up mid-body, as a broken connection does
            out.close();
        } catch (IOException e) {
            // "insufficient bytes written": the connection is dropped, which is the point
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
