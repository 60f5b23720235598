package io.kinglet.hawkbit.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP side of DDI: the device's requests with its token, over TLS with the configured trust
 * store, and plain HTTP only when allowed. A link the server gives is followed only on the server's
 * own scheme rules. The token never leaves this class except in the Authorization header.
 */
final class DdiClient implements AutoCloseable {

    private final URI base;
    private final String authorization;
    private final boolean plainAllowed;
    private final Duration timeout;
    private final HttpClient http;

    DdiClient(URI base, String authorization, boolean plainAllowed, Duration timeout, SSLContext tls) {
        this.base = base;
        this.authorization = authorization;
        this.plainAllowed = plainAllowed;
        this.timeout = timeout;
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        checkScheme(base);
    }

    /** {@code {server}/{tenant}/controller/v1/{controllerId}}. */
    static URI base(String server, String tenant, String controllerId) {
        String root = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        return URI.create(root + "/" + tenant + "/controller/v1/" + controllerId);
    }

    /** The trust store's CAs, or null for the JDK's. */
    static SSLContext tls(Path trustStore, String password) throws IOException, GeneralSecurityException {
        if (trustStore == null) {
            return null;
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStore.getInstance(trustStore.toFile(), password.toCharArray()));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    URI base() {
        return base;
    }

    String get(URI uri) throws IOException, InterruptedException {
        return send(request(uri).GET().build(), "GET");
    }

    void post(URI uri, String json) throws IOException, InterruptedException {
        send(request(uri).POST(HttpRequest.BodyPublishers.ofString(json)).build(), "POST");
    }

    void put(URI uri, String json) throws IOException, InterruptedException {
        send(request(uri).PUT(HttpRequest.BodyPublishers.ofString(json)).build(), "PUT");
    }

    /**
     * Fetches the artifact into {@code part}: from byte {@code from} on, appended, when the server
     * honours the range (206 starting there); the whole of it, replacing {@code part}, when it answers
     * 200. The caller watches {@code part} grow and cancels the future when it stalls.
     */
    CompletableFuture<HttpResponse<Path>> download(URI uri, Path part, long from) {
        checkScheme(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", authorization);
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        return http.sendAsync(request.GET().build(), info -> {
            if (info.statusCode() == 206
                    && info.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + from + "-")) {
                return HttpResponse.BodySubscribers.ofFile(
                        part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            if (info.statusCode() == 200) {
                return HttpResponse.BodySubscribers.ofFile(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            return HttpResponse.BodySubscribers.replacing(null);
        });
    }

    /** Why a download's answer is no artifact; null when it is one. */
    static DdiException downloadFailure(HttpResponse<Path> response) {
        return response.body() != null ? null : failure("GET", response.uri(), response.statusCode(), "");
    }

    private HttpRequest.Builder request(URI uri) {
        checkScheme(uri);
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/hal+json")
                .header("Content-Type", "application/json");
    }

    private String send(HttpRequest request, String method) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw failure(method, request.uri(), response.statusCode(), response.body());
        }
        return response.body();
    }

    private static DdiException failure(String method, URI uri, int status, String body) {
        String what = switch (status) {
            case 401, 403 -> "refused the device's token";
            case 404 -> "does not know it (wrong tenant or controller id, or the action is gone)";
            case 429 -> "asks the device to slow down";
            default -> status >= 500 ? "failed" : "refused it";
        };
        String detail = body == null || body.isBlank()
                ? ""
                : ": " + body.strip().lines().findFirst().orElse("");
        return new DdiException(
                method + " " + uri.getPath() + ": the server " + what + " (HTTP " + status + ")"
                        + (detail.length() > 200 ? detail.substring(0, 200) + "..." : detail),
                status);
    }

    private void checkScheme(URI uri) {
        if ("http".equals(uri.getScheme()) && !plainAllowed) {
            throw new DdiException(
                    "refusing plain HTTP to " + uri.getHost() + ": tokens and bundles would cross the network in clear;"
                            + " use https, or set allowPlainHttp = true for a lab");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new DdiException("not an http(s) URL: " + uri.getScheme() + "://" + uri.getHost());
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
