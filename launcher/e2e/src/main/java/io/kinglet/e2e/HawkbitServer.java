package io.kinglet.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Eclipse hawkBit update server (1.0.4, H2 in memory) on a free loopback port, for the DDI
 * client's tests. No hawkBit can be fetched from the package registries, so the jar and its
 * {@code start-server.sh} come from a folder given by the system property {@value #DIR_PROPERTY}
 * (the build sets it to {@code shared/hawkbit} beside the repository); without them the test is
 * aborted, saying so, rather than passed. Starting takes 10–15 s: start one per test class, in
 * {@code @BeforeAll} (Surefire then reports the class as "Tests run: 0", the reason on stderr).
 *
 * <pre>{@code
 * try (HawkbitServer hawkbit = HawkbitServer.start()) {
 *     hawkbit.management().createTarget("dev-1", "tok-1");
 *     long action = hawkbit.management().deploy("dev-1", "app", "1.0.0", "application", jar);
 *     // the device polls hawkbit.ddiUrl() + "/controller/v1/dev-1" with "TargetToken tok-1"
 * }
 * }</pre>
 */
public final class HawkbitServer implements AutoCloseable {

    public static final String DIR_PROPERTY = "kinglet.hawkbit.dir";
    public static final String JAR = "hawkbit-update-server-1.0.4.jar";
    public static final String SCRIPT = "start-server.sh";
    public static final String TENANT = "DEFAULT";
    /** What start-server.sh configures as the gateway token: {@code Authorization: GatewayToken gw-key-test}. */
    public static final String GATEWAY_TOKEN = "gw-key-test";

    private final ProcessHandle process;
    private final Path workDir;
    private final int port;
    private final String baseUrl;
    private final HawkbitManagement management;
    private final Thread onExit;

    private HawkbitServer(ProcessHandle process, Path workDir, int port) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.management = new HawkbitManagement(baseUrl);
        // the server is no child of this JVM (the script started it): a JVM that never closes it still ends it
        this.onExit = new Thread(process::destroy, "hawkbit-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Starts the server with this JVM's java and a new temporary work directory (its log and
     * artifacts), and returns once it answers. Aborts the calling test when the server's folder
     * lacks the jar or the script.
     */
    public static HawkbitServer start() throws IOException, InterruptedException {
        Path dir = serverDir();
        Path workDir = Files.createTempDirectory("kinglet-hawkbit-");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process script = new ProcessBuilder("bash", dir.resolve(SCRIPT).toString(), workDir.toString(), java.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("start-server.err").toFile()))
                .start();
        String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        // the script waits up to 120 s for the server; it has printed and ended by now
        Optional<ProcessHandle> process =
                script.waitFor(10, TimeUnit.SECONDS) && script.exitValue() == 0 && printed.matches("\\d+ \\d+")
                        ? ProcessHandle.of(Long.parseLong(printed.split(" ")[0]))
                        : Optional.empty();
        if (process.isEmpty()) {
            script.destroyForcibly();
            String logs = tail(workDir.resolve("start-server.err")) + "\n" + tail(workDir.resolve("server.log"));
            // a server that never came up may still run: the only process given this work directory
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(workDir.toString()))
                    .forEach(ProcessHandle::destroyForcibly);
            deleteTree(workDir);
            throw new IOException("hawkBit did not start (start-server.sh printed '" + printed + "'):\n" + logs);
        }
        return new HawkbitServer(process.get(), workDir, Integer.parseInt(printed.split(" ")[1]));
    }

    /** {@code http://127.0.0.1:PORT}: the management API under {@code /rest/v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:PORT/DEFAULT}: the device side, {@code /controller/v1/{controllerId}} under it. */
    public String ddiUrl() {
        return baseUrl + "/" + TENANT;
    }

    /** The server's port, e.g. for a {@link CuttingProxy} in front of it. */
    public int port() {
        return port;
    }

    public String tenant() {
        return TENANT;
    }

    public String gatewayToken() {
        return GATEWAY_TOKEN;
    }

    /** The management API as admin/admin. */
    public HawkbitManagement management() {
        return management;
    }

    /** The server's log, to read when a test fails. */
    public Path log() {
        return workDir.resolve("server.log");
    }

    /** Why there is no server to test against (the folder lacks the jar or the script); empty when there is. */
    public static Optional<String> missing() {
        Path dir = folder();
        if (dir != null && Files.isRegularFile(dir.resolve(JAR)) && Files.isRegularFile(dir.resolve(SCRIPT))) {
            return Optional.empty();
        }
        return Optional.of("no hawkBit server to test against: put " + JAR + " and " + SCRIPT + " in "
                + (dir == null ? "a folder" : dir) + " or set -D" + DIR_PROPERTY + "=<folder holding them>");
    }

    /**
     * For a test's {@code @BeforeEach}: skips it, saying why, when there is no server. (A class aborted
     * in {@code @BeforeAll} is counted as no tests by Surefire, not as skipped: SUREFIRE-2300.)
     */
    public static void assumeAvailable() {
        Optional<String> missing = missing();
        missing.ifPresent(reason -> System.err.println("[HawkbitServer] " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    private static Path folder() {
        String property = System.getProperty(DIR_PROPERTY);
        return property == null ? null : Path.of(property).toAbsolutePath().normalize();
    }

    private static Path serverDir() {
        assumeAvailable();
        return folder();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no " + log.getFileName() + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL), waits for it to exit and deletes its work directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        // Spring Boot takes a few seconds to shut down
        process.onExit().completeOnTimeout(process, 20, TimeUnit.SECONDS).join();
        if (process.isAlive()) {
            process.destroyForcibly();
            process.onExit().join();
        }
        Runtime.getRuntime().removeShutdownHook(onExit);
        deleteTree(workDir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
