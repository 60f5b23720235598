package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** Remote pushes go over HTTPS (Felix Jetty's own TLS, switched on by launcher properties). */
class OtaHttpsTest {

    @Test
    void aPushOverHttpsIsCommitted() throws Exception {
        try (OtaSetup setup = new OtaSetup()) {
            Path keystore = setup.dir.resolve("tls.p12");
            keytool(
                    "-genkeypair",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-alias",
                    "tls",
                    "-dname",
                    "CN=kinglet",
                    "-ext",
                    "san=ip:127.0.0.1",
                    "-validity",
                    "30",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    "tls-secret");
            Path certificate = setup.dir.resolve("tls.pem");
            Files.write(
                    certificate,
                    keytool(
                            "-exportcert",
                            "-rfc",
                            "-alias",
                            "tls",
                            "-keystore",
                            keystore.toString(),
                            "-storepass",
                            "tls-secret"));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (KingletProcess kinglet = setup.runtime(1)
                    .systemProperty("org.apache.felix.https.enable", "true")
                    .systemProperty("org.osgi.service.http.port.secure", Integer.toString(port))
                    .systemProperty("org.apache.felix.https.keystore", keystore.toString())
                    .systemProperty("org.apache.felix.https.keystore.type", "PKCS12")
                    .systemProperty("org.apache.felix.https.keystore.password", "tls-secret")
                    .systemProperty("org.apache.felix.https.keystore.key.password", "tls-secret")
                    .start()) {
                HttpClient https = HttpClient.newBuilder()
                        .sslContext(trusting(certificate))
                        .build();
                OtaClient ota = new OtaClient(URI.create("https://127.0.0.1:" + port), OtaSetup.TOKEN, https);

                deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.0.0"));

                assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
                assertThat(ota.withToken(null).get("/ota/status").status()).isEqualTo(401);
            }
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry(
                    "kinglet", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static byte[] keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed");
        }
        return out;
    }
}
