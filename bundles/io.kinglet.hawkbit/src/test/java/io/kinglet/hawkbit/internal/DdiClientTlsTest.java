package io.kinglet.hawkbit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https with the configured trust store: a server whose certificate it holds is trusted, no other. */
class DdiClientTlsTest {

    @TempDir
    Path dir;

    private HttpsServer server;
    private URI base;

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
    }

    @BeforeEach
    void start() throws Exception {
        Path keys = dir.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.toString(),
                "-storepass",
                "secret",
                "-keypass",
                "secret");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                keys.toString(),
                "-storepass",
                "secret",
                "-file",
                dir.resolve("server.pem").toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "hawkbit-ca",
                "-file",
                dir.resolve("server.pem").toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                dir.resolve("trust.p12").toString(),
                "-storepass",
                "trusted");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, "secret".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, "secret".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "{\"config\":{\"polling\":{\"sleep\":\"00:05:00\"}}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/DEFAULT/controller/v1/dev-001");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theServerIsTrustedThroughTheConfiguredTrustStoreOnly() throws Exception {
        try (DdiClient trusting = new DdiClient(
                base,
                "TargetToken t",
                false,
                Duration.ofSeconds(5),
                DdiClient.tls(dir.resolve("trust.p12"), "trusted"))) {
            assertThat(trusting.get(base)).contains("00:05:00");
        }
        try (DdiClient jdkDefaults = new DdiClient(base, "TargetToken t", false, Duration.ofSeconds(5), null)) {
            assertThatThrownBy(() -> jdkDefaults.get(base)).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
