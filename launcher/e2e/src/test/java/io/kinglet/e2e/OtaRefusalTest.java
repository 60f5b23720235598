package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything a device must refuse, each with a 4xx naming the reason, and after each one the
 * running set, the store and the bundle list exactly as before.
 */
class OtaRefusalTest {

    private static OtaSetup setup;
    private static KingletProcess kinglet;
    private static OtaClient ota;
    private static String bundlesBefore;
    private static Path running;

    @BeforeAll
    static void start() throws IOException {
        setup = new OtaSetup();
        kinglet = KingletProcess.builder()
                .configFile("io.kinglet.ota.cfg", setup.config(1) + "maxArtifactBytes=1048576\n")
                .start();
        ota = client(kinglet);
        running = setup.demo("io.kinglet.demo", "1.1.0");
        deploy(ota, "committed", running);
        bundlesBefore = kinglet.shell("lb -s");
    }

    @AfterAll
    static void stop() throws IOException {
        kinglet.close();
        setup.close();
    }

    @AfterEach
    void nothingChanged() throws IOException {
        assertThat(kinglet.shell("lb -s")).isEqualTo(bundlesBefore);
        assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.1.0");
        try (Stream<Path> stored = Files.list(kinglet.stateDir().resolve("ota/store"));
                Stream<Path> incoming = Files.list(kinglet.stateDir().resolve("ota/incoming"))) {
            assertThat(stored.count()).isEqualTo(1);
            assertThat(incoming.count()).isZero();
        }
    }

    private static void refused(OtaClient.Response response, int status, String... reasonParts) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        String reason = response.json().has("reason")
                ? response.json().get("reason").asText()
                : response.json().get("error").asText();
        assertThat(reason).contains(reasonParts);
    }

    @Test
    void unsigned() throws IOException {
        refused(ota.push(setup.unsignedDemo("io.kinglet.demo", "1.2.0")), 422, "not signed");
    }

    @Test
    void signedByAnUntrustedKey() throws IOException {
        Path jar =
                setup.stranger.sign(setup.unsignedDemo("io.kinglet.demo", "1.2.0"), setup.dir.resolve("stranger.jar"));
        refused(ota.push(jar), 422, "untrusted key", "Someone else");
    }

    @Test
    void signedByAKeyAnUntrustedCertificateIssued() throws IOException {
        SigningKey issued = SigningKey.issuedBy(setup.stranger, setup.dir, "stranger-signer", "Stranger's signer");
        Path jar =
                issued.sign(setup.unsignedDemo("io.kinglet.demo", "1.2.0"), setup.dir.resolve("stranger-issued.jar"));
        refused(ota.push(jar), 422, "untrusted key", "Stranger's signer");
    }

    @Test
    void tamperedAfterSigning() throws IOException {
        Path jar = BundleVariant.tamper(setup.demo("io.kinglet.demo", "1.2.0"), setup.dir.resolve("tampered.jar"));
        refused(ota.push(jar), 422, "tampered");
    }

    @Test
    void anEntryAddedAfterSigning() throws IOException {
        Path jar =
                BundleVariant.addUnsignedEntry(setup.demo("io.kinglet.demo", "1.2.0"), setup.dir.resolve("added.jar"));
        refused(ota.push(jar), 422, "tampered", BundleVariant.UNSIGNED_ENTRY);
    }

    @Test
    void aCorruptZip() throws IOException {
        Path signed = setup.demo("io.kinglet.demo", "1.2.0");
        Path jar = BundleVariant.truncate(signed, setup.dir.resolve("truncated.jar"), (int) Files.size(signed) / 2);
        refused(ota.push(jar), 422, "corrupt zip");
    }

    @Test
    void noBundleSymbolicName() throws IOException {
        Path unsigned = BundleVariant.of(OtaSetup.fixture("kinglet.fixture.demo"))
                .removeHeader("Bundle-SymbolicName")
                .writeTo(setup.dir.resolve("nobsn.jar"));
        refused(
                ota.push(setup.release.sign(unsigned, setup.dir.resolve("signed-nobsn.jar"))),
                422,
                "missing header Bundle-SymbolicName");
    }

    @Test
    void aBadBundleVersion() throws IOException {
        refused(ota.push(setup.demo("io.kinglet.demo", "one.two")), 422, "bad header Bundle-Version 'one.two'");
    }

    @Test
    void headersTheFrameworkRefuses() throws IOException {
        refused(
                ota.push(setup.demo("io.kinglet.demo", "1.2.0", "Import-Package", "jakarta.servlet;version=\"[1,\"")),
                422,
                "the framework refuses its OSGi headers");
    }

    @Test
    void aVersionThatIsNotNewerUnlessTheDowngradeIsExplicit() throws IOException {
        refused(
                ota.push(setup.demo("io.kinglet.demo", "1.0.0")),
                409,
                "1.0.0 is not newer than the running 1.1.0",
                "downgrade=true");
        refused(ota.push(true, running), 409, "already running");
    }

    @Test
    void anArtifactOverTheSizeLimit() throws IOException {
        byte[] big = new byte[2 * 1024 * 1024];
        new Random(1).nextBytes(big);
        Path jar = Files.write(setup.dir.resolve("big.jar"), big);
        refused(ota.push(jar), 413, "larger than the limit of 1048576 bytes");
    }

    @Test
    void everyOtaEndpointNeedsTheTokenAndTheTokenIsNeverLogged() throws IOException {
        for (String path : new String[] {"/ota/status", "/ota/deployments", "/ota/deployments/d1"}) {
            assertThat(ota.withToken(null).get(path).status()).as(path).isEqualTo(401);
            assertThat(ota.withToken("wrong").get(path).status()).as(path).isEqualTo(401);
        }
        refused(ota.withToken(null).push(setup.demo("io.kinglet.demo", "1.3.0")), 401, "authentication required");
        assertThat(ota.withToken("wrong").post("/ota/rollback").status()).isEqualTo(401);
        assertThat(ota.get("/ota/status").status()).isEqualTo(200);
        assertThat(kinglet.get("/health").statusCode()).isEqualTo(200);
        assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(kinglet.log())
                .contains("refused: missing or wrong bearer token")
                .doesNotContain(OtaSetup.TOKEN);
    }
}
