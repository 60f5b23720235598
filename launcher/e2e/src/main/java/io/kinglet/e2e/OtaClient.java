package io.kinglet.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The device's OTA HTTP API as a fleet server would call it: bearer token, jars pushed to
 * {@code POST /ota/deployments}.
 *
 * <pre>{@code
 * OtaClient ota = new OtaClient(URI.create("http://127.0.0.1:" + port), token);
 * OtaClient.Response pushed = ota.push(signedJar);
 * ota.awaitState(deploymentId, Duration.ofSeconds(30), finalStates);
 * ota.withToken(null).get("/ota/deployments");   // refused: no token
 * }</pre>
 */
public final class OtaClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http;

    /** {@code base} is {@code http://127.0.0.1:<port>}; a null token sends no Authorization header. */
    public OtaClient(URI base, String token) {
        this(
                base,
                token,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** As {@link #OtaClient(URI, String)}, through the given client (e.g. one that trusts a test TLS certificate). */
    public OtaClient(URI base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    /** An answer; {@code json} is null when the body is not JSON. */
    public record Response(int status, String body, JsonNode json) {}

    /** The same client with another token (null: none), to see requests refused. */
    public OtaClient withToken(String otherToken) {
        return new OtaClient(base, otherToken, http);
    }

    /** Pushes one jar as the raw body, or several as multipart parts named {@code bundle}. */
    public Response push(Path... jars) throws IOException {
        return push(false, jars);
    }

    /** As {@link #push(Path...)}; {@code downgrade} adds {@code ?downgrade=true}. */
    public Response push(boolean downgrade, Path... jars) throws IOException {
        if (jars.length == 0) {
            throw new IllegalArgumentException("no jar to push");
        }
        HttpRequest.Builder request = request("/ota/deployments" + (downgrade ? "?downgrade=true" : ""));
        if (jars.length == 1) {
            request.header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(jars[0])));
        } else {
            String boundary = "kinglet-" + UUID.randomUUID();
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(multipart(boundary, jars)));
        }
        return send(request);
    }

    public Response get(String path) throws IOException {
        return send(request(path).GET());
    }

    /** A POST with an empty body, e.g. a rollback. */
    public Response post(String path) throws IOException {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Polls {@code GET /ota/deployments/<id>} until its {@code state} is one of {@code states}, and
     * returns that deployment. Failed requests are tried again: the runtime may be restarting.
     */
    public JsonNode awaitState(String deploymentId, Duration timeout, String... states) {
        Set<String> wanted = Set.of(states);
        String path = "/ota/deployments/" + deploymentId;
        AtomicReference<Response> last = new AtomicReference<>();
        try {
            return await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(
                            () -> {
                                Response response = get(path);
                                last.set(response);
                                return response.json();
                            },
                            json -> json != null
                                    && wanted.contains(json.path("state").asText()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "deployment " + deploymentId + " not in " + wanted + " after " + timeout + "; last answer: "
                            + last.get(),
                    e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Response(response.statusCode(), response.body(), parse(response.body()));
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static List<byte[]> multipart(String boundary, Path... jars) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        for (Path jar : jars) {
            parts.add(("--" + boundary + "\r\n"
                            + "Content-Disposition: form-data; name=\"bundle\"; filename=\"" + jar.getFileName()
                            + "\"\r\n"
                            + "Content-Type: application/java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            parts.add(Files.readAllBytes(jar));
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return parts;
    }
}
