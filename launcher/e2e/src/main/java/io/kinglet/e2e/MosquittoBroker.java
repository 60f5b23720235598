package io.kinglet.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}) on a free loopback port, for tests.
 * It can be stopped and started again on the same port, as a broker outage looks to a device.
 */
public final class MosquittoBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String extraConfig;
    private Process process;

    private MosquittoBroker(Path dir, int port, String extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    /** Starts a broker allowing anonymous clients; {@code extraConfig} adds mosquitto.conf lines. */
    public static MosquittoBroker start(String extraConfig) throws IOException {
        Path dir = Files.createTempDirectory("kinglet-mosquitto-");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MosquittoBroker broker = new MosquittoBroker(dir, port, extraConfig);
        broker.startAgain();
        return broker;
    }

    public static MosquittoBroker start() throws IOException {
        return start("");
    }

    /** Starts (again) on the same port and waits until it accepts connections. */
    public void startAgain() throws IOException {
        Path config = dir.resolve("mosquitto.conf");
        // persistence keeps consumers' sessions across a restart: a subscriber misses nothing
        // security per listener: extra listeners (TLS, passwords) have their own rules
        Files.writeString(
                config,
                "per_listener_settings true\nlistener " + port + " 127.0.0.1\nallow_anonymous true\n"
                        + "max_queued_messages 100000\npersistence true\npersistence_location " + dir + "/\n"
                        // started as root, mosquitto would switch to its own user, who cannot write here
                        + "user " + System.getProperty("user.name") + "\n" + extraConfig);
        try {
            process = new ProcessBuilder("mosquitto", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("mosquitto.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run mosquitto (install it: apt-get install mosquitto): " + e.getMessage(), e);
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(this::accepting);
    }

    /** Stops the broker (SIGTERM) and waits for it to exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
