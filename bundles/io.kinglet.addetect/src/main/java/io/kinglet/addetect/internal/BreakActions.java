package io.kinglet.addetect.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator wants done when a break starts or ends (mute the TV through CEC or an IR bridge,
 * switch input, show signage): a shell command and an HTTP request, each bounded by a timeout. They
 * run one after the other on their own thread, in the order the breaks happened, so an unmute never
 * overtakes its mute; the detector only queues them and never waits. A failure is logged and
 * counted, nothing is retried: a mute arriving late is worse than none. URLs and the authorization
 * are secrets: only the host is logged.
 */
final class BreakActions implements AutoCloseable {

    /** What to do at one edge of a break: a command for {@code sh -c}, a URL, or neither. */
    record Action(String command, String url) {
        boolean none() {
            return command.isBlank() && url.isBlank();
        }
    }

    /** What an action is told: the event, the break's times and confidence, the source. */
    record Occurrence(String event, double start, double end, double confidence, String source, Instant at) {}

    private static final Logger LOG = LoggerFactory.getLogger(BreakActions.class);
    private static final int QUEUE = 8;

    private final Map<String, Action> actions;
    private final String method;
    private final String authorization;
    private final Duration timeout;
    private final Path stderr;
    private final ThreadPoolExecutor runner;
    private final HttpClient http;
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "";

    static BreakActions of(AdDetectConfiguration config, Path work) {
        return new BreakActions(
                new Action(config.onStartCommand(), checked("onStartUrl", config.onStartUrl())),
                new Action(config.onEndCommand(), checked("onEndUrl", config.onEndUrl())),
                config.httpMethod(),
                config.httpAuthorization(),
                Duration.ofSeconds(config.actionTimeoutSeconds()),
                work);
    }

    /** {@code url} when it is an absolute http(s) URL; else that action is off, and the log says so. */
    static String checked(String name, String url) {
        if (url.isBlank()) {
            return "";
        }
        try {
            URI uri = new URI(url.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // reported below without the URL, which may carry a token
        }
        LOG.warn("Ad detector: {} is not an absolute http or https URL; that action is off", name);
        return "";
    }

    BreakActions(Action onStart, Action onEnd, String method, String authorization, Duration timeout, Path work) {
        this.actions = Map.of("started", onStart, "ended", onEnd);
        this.method = method.toUpperCase(Locale.ROOT);
        this.authorization = authorization;
        this.timeout = timeout;
        this.stderr = work.resolve("action.stderr");
        this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread thread = new Thread(task, "kinglet-addetect-actions");
            thread.setDaemon(true);
            return thread;
        });
        // the JDK's HTTP client costs threads and memory: only when a URL is configured
        this.http = onStart.url().isBlank() && onEnd.url().isBlank()
                ? null
                : HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Whether anything is configured, for {@code ad:status}. */
    String describe() {
        return "on start " + describe(actions.get("started")) + ", on end " + describe(actions.get("ended"));
    }

    private static String describe(Action action) {
        if (action.none()) {
            return "nothing";
        }
        String url = action.url().isBlank() ? "" : "HTTP to " + host(action.url());
        return action.command().isBlank() ? url : url.isEmpty() ? "a command" : "a command and " + url;
    }

    /** Queues the actions of {@code what}; returns at once, dropping them (logged) when too many wait. */
    void fire(Occurrence what) {
        Action action = actions.get(what.event());
        if (action.none()) {
            return;
        }
        try {
            runner.execute(() -> run(action, what));
        } catch (RejectedExecutionException e) {
            fail(what, "dropped: " + QUEUE + " actions already waiting (they are slower than the breaks)");
        }
    }

    private void run(Action action, Occurrence what) {
        if (!action.command().isBlank()) {
            command(action.command(), what);
        }
        if (!action.url().isBlank()) {
            request(action.url(), what);
        }
    }

    private void command(String command, Occurrence what) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        // the break travels in the environment, never spliced into the command line
        builder.environment()
                .putAll(Map.of(
                        "KINGLET_BREAK_EVENT", what.event(),
                        "KINGLET_BREAK_START", format("%.1f", what.start()),
                        "KINGLET_BREAK_END", Double.isNaN(what.end()) ? "" : format("%.1f", what.end()),
                        "KINGLET_BREAK_CONFIDENCE", format("%.2f", what.confidence()),
                        "KINGLET_BREAK_SOURCE", what.source()));
        try {
            Files.createDirectories(stderr.getParent());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // sh's children too: a pipeline's commands outlive the shell
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(what, "command still running after " + timeout.toSeconds() + " s; killed");
            } else if (process.exitValue() != 0) {
                fail(what, "command exited " + process.exitValue() + lastLine());
            } else {
                LOG.info("Ad detector: break {} command done", what.event());
            }
        } catch (IOException e) {
            fail(what, "command could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String lastLine() throws IOException {
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : ": " + lines.getLast().strip();
    }

    private void request(String url, Occurrence what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (!authorization.isBlank()) {
            request.header("Authorization", authorization);
        }
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(BreakMessage.json(what)));
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status / 100 != 2) {
                fail(what, "HTTP " + method + " to " + host(url) + " answered " + status);
            } else {
                LOG.info("Ad detector: break {} HTTP {} to {} answered {}", what.event(), method, host(url), status);
            }
        } catch (IOException e) {
            fail(what, "HTTP " + method + " to " + host(url) + " failed: " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(Occurrence what, String reason) {
        failures.incrementAndGet();
        lastFailure = what.event() + ": " + reason;
        LOG.warn("Ad detector: break {} action {}", what.event(), reason);
    }

    private static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String host(String url) {
        String host = URI.create(url).getHost();
        return host == null ? "(no host)" : host;
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    long failures() {
        return failures.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        runner.shutdownNow();
        if (http != null) {
            http.shutdownNow();
        }
    }
}
