package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telemetry to brokers that require more: TLS trusting only the test's own CA, a user name and password. */
class TelemetrySecuredBrokerTest {

    @TempDir
    Path certs;

    @Test
    void messagesTravelOverTlsWhenTheBrokersCertificateIsTrusted() throws Exception {
        makeCertificates();
        int tlsPort = freePort();
        String tlsListener = """
                listener %d 127.0.0.1
                allow_anonymous true
                cafile %s
                certfile %s
                keyfile %s
                """.formatted(
                        tlsPort, certs.resolve("ca.crt"), certs.resolve("server.crt"), certs.resolve("server.key"));
        try (MosquittoBroker broker = MosquittoBroker.start(tlsListener);
                MqttRecorder recorder = new MqttRecorder(broker.url(), "kinglet/tls-device/#");
                KingletProcess kinglet = KingletProcess.builder()
                        .configFile("io.kinglet.telemetry.cfg", """
                        broker.url = ssl://127.0.0.1:%d
                        device.id = tls-device
                        tls.trustStore = %s
                        tls.trustStorePassword = changeit
                        """.formatted(tlsPort, certs.resolve("trust.p12")))
                        .start()) {
            kinglet.awaitLogLine("Telemetry: connected to ssl://127.0.0.1:" + tlsPort, Duration.ofSeconds(30));

            kinglet.shell("telemetry:publish -n 10 secure/t s");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> recorder.on("kinglet/tls-device/secure/t").size() >= 10);
            assertThat(recorder.on("kinglet/tls-device/secure/t").get(0).payload())
                    .isEqualTo("s-1");
            assertThat(kinglet.shell("cm:get io.kinglet.telemetry"))
                    .contains("tls.trustStorePassword = ********")
                    .doesNotContain("changeit");
        }
    }

    @Test
    void aBrokerRequiringAPasswordAcceptsTheConfiguredUser() throws Exception {
        run("mosquitto_passwd", "-b", "-c", "passwords", "device-7", "s3cret-pass");
        certs.resolve("passwords").toFile().setReadable(true, false);
        int securedPort = freePort();
        String securedListener = """
                listener %d 127.0.0.1
                allow_anonymous false
                password_file %s
                """.formatted(securedPort, certs.resolve("passwords"));
        try (MosquittoBroker broker = MosquittoBroker.start(securedListener);
                MqttRecorder recorder = new MqttRecorder(broker.url(), "kinglet/auth-device/#");
                KingletProcess kinglet = KingletProcess.builder()
                        .configFile("io.kinglet.telemetry.cfg", """
                        broker.url = tcp://127.0.0.1:%d
                        device.id = auth-device
                        username = device-7
                        password = s3cret-pass
                        """.formatted(securedPort))
                        .start()) {
            kinglet.awaitLogLine("Telemetry: connected to tcp://127.0.0.1:" + securedPort, Duration.ofSeconds(30));

            kinglet.shell("telemetry:publish auth/t hello");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !recorder.on("kinglet/auth-device/auth/t").isEmpty());
            assertThat(kinglet.log()).doesNotContain("s3cret-pass");
        }
    }

    /** A CA, a server certificate for 127.0.0.1 signed by it, and a PKCS12 trust store with the CA. */
    private void makeCertificates() throws Exception {
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-days",
                "2",
                "-subj",
                "/CN=kinglet-test-ca");
        run(
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=127.0.0.1");
        Files.writeString(certs.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(
                "openssl",
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.crt",
                "-days",
                "2",
                "-extfile",
                "san.ext");
        run(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importcert",
                "-noprompt",
                "-storetype",
                "PKCS12",
                "-keystore",
                "trust.p12",
                "-storepass",
                "changeit",
                "-alias",
                "ca",
                "-file",
                "ca.crt");
        // mosquitto may run as another user: it must be able to read its key
        for (String file : List.of("ca.crt", "server.crt", "server.key")) {
            certs.resolve(file).toFile().setReadable(true, false);
        }
        certs.toFile().setExecutable(true, false);
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(certs.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
