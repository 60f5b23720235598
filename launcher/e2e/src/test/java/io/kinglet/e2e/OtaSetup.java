package io.kinglet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the OTA tests share: a trusted release key and an untrusted one, signed variants of the demo
 * fixture, and the agent's configuration (a short probation so tests run in seconds).
 */
final class OtaSetup implements AutoCloseable {

    static final String TOKEN = "e2e-token-7f3a9c";
    static final Duration DEPLOYMENT_TIMEOUT = Duration.ofSeconds(60);
    static final String[] FINAL = {"committed", "rolled-back", "refused"};
    /** The demo fixture's own Import-Package, to which a variant adds a requirement. */
    static final String DEMO_IMPORTS =
            "jakarta.servlet,jakarta.servlet.http,org.apache.felix.hc.api,org.osgi.framework";

    final Path dir;
    final SigningKey release;
    final SigningKey stranger;

    OtaSetup() throws IOException {
        dir = Files.createTempDirectory("kinglet-ota-e2e-");
        release = SigningKey.create(dir, "release", "Kinglet release");
        stranger = SigningKey.create(dir, "stranger", "Someone else");
    }

    /** For a test class's {@code @AutoClose static} field, shared by its tests. */
    static OtaSetup create() {
        try {
            return new OtaSetup();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The agent's configuration file: our token, the release certificate, a probation of {@code probation} s. */
    String config(int probationSeconds) {
        return "token=" + TOKEN + "\n"
                + "trustedCertificates=" + release.certificatePem() + "\n"
                + "probationSeconds=" + probationSeconds + "\n"
                + "probationIntervalMillis=200\n";
    }

    KingletProcess.Builder runtime(int probationSeconds) {
        return KingletProcess.builder().configFile("io.kinglet.ota.cfg", config(probationSeconds));
    }

    /**
     * A client once the agent takes our token. Readiness says every configuration file has been
     * applied; the agent picks its new configuration up a moment later, on Config Admin's thread, and
     * until then answers with the token it generated (401 to us).
     */
    static OtaClient client(KingletProcess kinglet) {
        OtaClient client = new OtaClient(kinglet.baseUri(), TOKEN);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> client.get("/ota/deployments").status() == 200);
        return client;
    }

    static Path fixture(String property) {
        String path = System.getProperty(property);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(property + " is " + path + ", not a jar (run the tests with mvn verify)");
        }
        return Path.of(path);
    }

    /** The demo bundle with symbolic name {@code bsn}, version and extra headers ({@code name, value, ...}), unsigned. */
    Path unsignedDemo(String bsn, String version, String... headers) throws IOException {
        BundleVariant variant = BundleVariant.of(fixture("kinglet.fixture.demo"))
                .header("Bundle-SymbolicName", bsn)
                .header("Bundle-Version", version);
        for (int i = 0; i < headers.length; i += 2) {
            variant.header(headers[i], headers[i + 1]);
        }
        return variant.writeTo(dir.resolve(bsn + "-" + version + "-"
                + Integer.toHexString(String.join(",", headers).hashCode()) + ".jar"));
    }

    /** As {@link #unsignedDemo}, signed with the trusted release key. */
    Path demo(String bsn, String version, String... headers) throws IOException {
        Path unsigned = unsignedDemo(bsn, version, headers);
        return release.sign(unsigned, dir.resolve("signed-" + unsigned.getFileName()));
    }

    Path crasher() throws IOException {
        return release.sign(fixture("kinglet.fixture.crasher"), dir.resolve("signed-crasher.jar"));
    }

    /** The bundle-event recorder fixture, signed: serves {@code /e2e/bundle-events} once committed. */
    Path recorder() throws IOException {
        return release.sign(fixture("kinglet.fixture.recorder"), dir.resolve("signed-recorder.jar"));
    }

    /**
     * A bundle embedded in kinglet.jar, taken out of it, with edited headers ({@code name, value, ...},
     * e.g. a new Bundle-Version), signed with the release key: an update of a runtime bundle.
     */
    Path embedded(String bsn, String... headers) throws IOException {
        Path original = BundleVariant.embedded(
                Path.of(System.getProperty("kinglet.jar")), bsn, dir.resolve(bsn + "-embedded.jar"));
        BundleVariant variant = BundleVariant.of(original);
        for (int i = 0; i < headers.length; i += 2) {
            variant.header(headers[i], headers[i + 1]);
        }
        String name = bsn + "-" + Integer.toHexString(String.join(",", headers).hashCode());
        return release.sign(variant.writeTo(dir.resolve(name + ".jar")), dir.resolve("signed-" + name + ".jar"));
    }

    /** Pushes and waits until the deployment ends; fails unless it ends {@code expected}. */
    static JsonNode deploy(OtaClient ota, String expected, Path... jars) throws IOException {
        OtaClient.Response pushed = ota.push(jars);
        if (pushed.status() != 202) {
            throw new AssertionError("push answered " + pushed.status() + ": " + pushed.body());
        }
        JsonNode done = ota.awaitState(pushed.json().get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);
        if (!expected.equals(done.get("state").asText())) {
            throw new AssertionError("deployment ended " + done.get("state") + ", not " + expected + ": " + done);
        }
        return done;
    }

    /** What {@code GET /demo/<bsn>} answers: {@code "<bsn> <version>"} without the activation time, or the status. */
    static String served(KingletProcess kinglet, String bsn) throws IOException {
        var response = kinglet.get("/demo/" + bsn);
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        return response.body().replaceAll(" activated .*", "");
    }

    /** The activation time in {@code GET /demo/<bsn>}: changes only when the bundle was restarted. */
    static String activation(KingletProcess kinglet, String bsn) throws IOException {
        Matcher m = Pattern.compile(" activated (.*)")
                .matcher(kinglet.get("/demo/" + bsn).body());
        return m.find() ? m.group(1) : "none";
    }

    /** Lines of {@code lb} naming the bundle: exactly one when the set is consistent. */
    static long installedCopies(KingletProcess kinglet, String bsn) throws IOException {
        return kinglet.shell("lb -s")
                .lines()
                .filter(l -> l.contains("|" + bsn + " ("))
                .count();
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
