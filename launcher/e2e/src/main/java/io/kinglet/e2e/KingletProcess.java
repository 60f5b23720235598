package io.kinglet.e2e;

import static org.awaitility.Awaitility.await;

import io.kinglet.launcher.ShellClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Kinglet runtime started from the exported launcher ({@code launcher/kinglet} and
 * {@code kinglet.jar}) in its own temporary directory, with a free loopback HTTP port.
 *
 * <pre>{@code
 * try (KingletProcess kinglet = KingletProcess.builder().start()) {
 *     kinglet.get("/health");          // HTTP on 127.0.0.1
 *     kinglet.shell("lb");             // a gogo command over the shell socket
 *     kinglet.dropConfig("x.cfg", ""); // a file into the config folder
 * }
 * }</pre>
 *
 * {@link #close()} always stops the process (SIGTERM, then SIGKILL) and deletes the directory.
 */
public final class KingletProcess implements AutoCloseable {

    /** How long a start may take before the test fails; generous for a loaded CI machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Path configDir;
    private final Path stateDir;
    private final Path logFile;
    private final int port;
    private final boolean terminal;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final SmallDisk smallDisk;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    /** Length of the log when the config folder last changed: awaitLogLine looks only after it. */
    private volatile int logMark;

    private KingletProcess(Builder builder) throws IOException {
        home = Files.createTempDirectory("kinglet-e2e-");
        configDir = home.resolve("runtime-config");
        stateDir = home.resolve("state");
        logFile = home.resolve("kinglet.log");
        port = freePort();
        copyTree(Path.of(required("kinglet.runtime-config")), configDir);
        for (Map.Entry<String, String> file : builder.configFiles.entrySet()) {
            Files.writeString(configDir.resolve(file.getKey()), file.getValue());
        }
        terminal = builder.terminal;
        systemProperties = Map.copyOf(builder.systemProperties);
        environment = Map.copyOf(builder.environment);
        smallDisk = builder.stateDiskMebibytes > 0 ? SmallDisk.mount(stateDir, builder.stateDiskMebibytes) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for a runtime before it starts. */
    public static final class Builder {
        private final Map<String, String> configFiles = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean terminal;
        private int stateDiskMebibytes;

        /**
         * Puts the state directory on a file system of its own, {@code mebibytes} large (a tmpfs;
         * needs root: check {@link SmallDisk#available()} first), which {@link #smallDisk()} fills
         * and frees.
         */
        public Builder stateOnSmallDisk(int mebibytes) {
            stateDiskMebibytes = mebibytes;
            return this;
        }

        /** A JVM system property of the runtime (e.g. a launcher setting such as a timeout). */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        /** An environment variable of the runtime, e.g. systemd's NOTIFY_SOCKET. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** A file present in the config folder from the first start. */
        public Builder configFile(String name, String content) {
            configFiles.put(name, content);
            return this;
        }

        /**
         * Runs the runtime on a pseudo-terminal (util-linux {@code script}), as a person at the
         * console would: the interactive gogo shell reads what {@link #typeOnConsole} sends.
         */
        public Builder onTerminal() {
            terminal = true;
            return this;
        }

        /** Starts the runtime and waits only until the framework is up ({@code /health/live}), ready or not. */
        public KingletProcess startLive() throws IOException {
            KingletProcess kinglet = new KingletProcess(this);
            kinglet.launch();
            kinglet.awaitLive();
            return kinglet;
        }

        /** Starts the runtime and waits until {@code /health/ready} answers 200. */
        public KingletProcess start() throws IOException {
            KingletProcess kinglet = new KingletProcess(this);
            try {
                kinglet.launch();
                kinglet.awaitReady();
            } catch (RuntimeException | IOException | Error e) {
                System.err.println("Kinglet did not become ready; its log:\n" + kinglet.log());
                kinglet.close();
                throw e;
            }
            return kinglet;
        }
    }

    private void launch() throws IOException {
        List<String> command =
                List.of(required("kinglet.script"), "--config", configDir.toString(), "--state", stateDir.toString());
        if (terminal) {
            command = List.of(
                    "script", "--quiet", "--flush", "--return", "--command", String.join(" ", command), "/dev/null");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KINGLET_JAR", required("kinglet.jar"));
        builder.environment().putAll(environment);
        // JVM options given as environment("KINGLET_JAVA_OPTS", ...) come first
        StringBuilder options = new StringBuilder(environment.getOrDefault("KINGLET_JAVA_OPTS", ""))
                .append(" -Dorg.osgi.service.http.port=")
                .append(port);
        systemProperties.forEach(
                (name, value) -> options.append(" -D").append(name).append('=').append(value));
        builder.environment().put("KINGLET_JAVA_OPTS", options.toString());
        process = builder.start();
    }

    /** Waits for readiness (every critical health check passes) and liveness. */
    public void awaitReady() {
        await().atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Kinglet exited with " + process.exitValue());
                    }
                    // the live endpoint's servlet registers a moment after its configuration is read
                    return get("/health/ready").statusCode() == 200
                            && get("/health/live").statusCode() == 200;
                });
    }

    /** Waits until the framework is up ({@code /health/live} answers 200), ready or not. */
    public void awaitLive() {
        await().atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Kinglet exited with " + process.exitValue());
                    }
                    return get("/health/live").statusCode() == 200;
                });
    }

    /** Types a line on the console (a runtime started {@link Builder#onTerminal() on a terminal}). */
    public void typeOnConsole(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Presses Ctrl-D on the console: end of input, which leaves the interactive shell. */
    public void pressCtrlD() throws IOException {
        process.getOutputStream().write(0x04);
        process.getOutputStream().flush();
    }

    /** Waits for the process to end by itself; true if it did within the timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends SIGTERM and waits for the process to end; returns how long that took. */
    public Duration stop() {
        long start = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Kills the process outright (SIGKILL), as a crash or a power cut would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops and starts again on the same config and state directories. */
    public void restart() throws IOException {
        stop();
        startAgain();
    }

    /** Starts a stopped runtime again on the same config and state directories, and waits until ready. */
    public void startAgain() throws IOException {
        launch();
        awaitReady();
    }

    /** Starts a stopped runtime again and waits only until the framework is up, ready or not. */
    public void startAgainLive() throws IOException {
        launch();
        awaitLive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code http://127.0.0.1:<port>}: where the runtime's HTTP endpoints are. */
    public URI baseUri() {
        return uri("");
    }

    /** The config folder the runtime watches. */
    public Path configDir() {
        return configDir;
    }

    /**
     * Runs one gogo command over the shell socket and returns its output. The socket is re-created
     * when its configuration is applied at start-up, so a refused connection is tried again briefly.
     */
    public String shell(String command) throws IOException {
        Path socket = stateDir.resolve("shell.sock");
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return ShellClient.execute(socket, command);
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    /** Writes a file into the config folder (atomically, as an operator's editor or scp would land it). */
    public Path dropConfig(String name, String content) throws IOException {
        markLog();
        Path tmp = home.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        return Files.move(
                tmp, configDir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void deleteConfig(String name) throws IOException {
        markLog();
        Files.delete(configDir.resolve(name));
    }

    /** Everything the runtime has written to stdout/stderr so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, {@link #awaitLogLine} ignores what the log already holds. */
    public void markLog() {
        logMark = log().length();
    }

    /**
     * Waits until a line written since the last {@link #markLog()} (or config change) matches, and
     * returns that line.
     */
    public String awaitLogLine(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> log().substring(logMark)
                                .lines()
                                .filter(line -> pattern.matcher(line).find())
                                .findFirst()
                                .orElse(null),
                        line -> line != null);
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The state directory's own file system, when the builder asked for one. */
    public SmallDisk smallDisk() {
        if (smallDisk == null) {
            throw new IllegalStateException("the state directory is not on a small disk (Builder.stateOnSmallDisk)");
        }
        return smallDisk;
    }

    /** The JVM's process id (the start script execs java), for jcmd and the like. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
        if (smallDisk != null) {
            try {
                smallDisk.close();
            } catch (IOException e) {
                System.err.println("Kinglet e2e: " + e.getMessage());
            }
        }
        if (Boolean.getBoolean("kinglet.e2e.keep")) {
            System.err.println("Kept " + home + " (kinglet.e2e.keep)");
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing a test for
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(
                    "system property " + property + " is not set (run the tests through Maven)");
        }
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
