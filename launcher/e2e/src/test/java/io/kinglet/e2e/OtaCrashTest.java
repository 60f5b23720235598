package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.DEPLOYMENT_TIMEOUT;
import static io.kinglet.e2e.OtaSetup.FINAL;
import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.installedCopies;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kill -9 at every step of an update, then a start: the device comes up on one consistent committed
 * set — the old one if the commit had not completed, the new one if it had — with exactly one copy
 * of the bundle. The hook is a test-only bundle (io.kinglet.e2e.crasher) that holds the agent's
 * thread at the configured event, so the kill lands exactly there.
 */
class OtaCrashTest {

    @AutoClose
    private static final OtaSetup setup = OtaSetup.create();
    private static Path demo10;
    private static Path crasher;

    @BeforeAll
    static void keys() throws IOException {
        demo10 = setup.demo("io.kinglet.demo", "1.0.0");
        crasher = setup.crasher();
    }

    /** A runtime with the crasher and demo 1.0.0 committed. */
    private static KingletProcess runtimeWithCrasher() throws IOException {
        KingletProcess kinglet = setup.runtime(2).start();
        deploy(client(kinglet), "committed", demo10, crasher);
        return kinglet;
    }

    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({
            "verified,    topic=io/kinglet/ota/VERIFIED,            io.kinglet.demo 1.0.0",
            "installed,   topic=io/kinglet/ota/INSTALLED,           io.kinglet.demo 1.0.0",
            "mid-switch,  bundleEvent=UNINSTALLED:io.kinglet.demo,  io.kinglet.demo 1.0.0",
            "probation,   topic=io/kinglet/ota/PROBATION,           io.kinglet.demo 1.0.0",
            "committed,   topic=io/kinglet/ota/COMMITTED,           io.kinglet.demo 1.1.0" })
    void killedAtAStepComesBackOnOneConsistentSet(String step, String hook, String expected) throws Exception {
        try (KingletProcess kinglet = runtimeWithCrasher()) {
            kinglet.dropConfig("io.kinglet.e2e.crasher.cfg", hook + "\n");
            kinglet.awaitLogLine("Config file .*io.kinglet.e2e.crasher.cfg applied", Duration.ofSeconds(10));
            OtaClient ota = client(kinglet);
            CompletableFuture<OtaClient.Response> push = CompletableFuture.supplyAsync(() -> {
                try {
                    return ota.push(setup.demo("io.kinglet.demo", "1.1.0"));
                } catch (IOException e) {
                    return null;
                }
            });
            kinglet.awaitLogLine("Crasher holding at", Duration.ofSeconds(30));

            kinglet.kill();
            push.cancel(true);
            // the hook must not hold the next start's own steps
            kinglet.dropConfig("io.kinglet.e2e.crasher.cfg", "topic=\n");
            kinglet.startAgain();

            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo(expected);
            assertThat(installedCopies(kinglet, "io.kinglet.demo")).isEqualTo(1);
            assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200);
            // the agent finishes what the kill interrupted right after it starts
            JsonNode last = ota.awaitState(ota.get("/ota/deployments").json().get(0).get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);
            assertThat(last.get("state").asText()).isEqualTo(expected.endsWith("1.1.0") ? "committed" : "rolled-back");
            if (!expected.endsWith("1.1.0")) {
                assertThat(last.get("reason").asText()).contains("interrupted by a restart");
            }
            assertThat(Files.readString(kinglet.stateDir().resolve("ota/committed.properties")))
                    .contains("bundle.io.kinglet.demo=" + expected.substring(expected.lastIndexOf(' ') + 1) + " ");
            // and the device takes the next update normally
            deploy(ota, "committed", setup.demo("io.kinglet.demo", "1.2.0"));
        }
    }

    @Test
    void killedDuringTheUploadLeavesNothingBehind() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            deploy(client(kinglet), "committed", demo10);
            byte[] jar = Files.readAllBytes(setup.demo("io.kinglet.demo", "1.1.0"));
            HttpRequest slow = HttpRequest.newBuilder(kinglet.baseUri().resolve("/ota/deployments"))
                    .header("Authorization", "Bearer " + OtaSetup.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SlowStream(jar))).build();
            CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient().sendAsync(slow,
                    HttpResponse.BodyHandlers.ofString());
            Path incoming = kinglet.stateDir().resolve("ota/incoming");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(incoming) > 0);

            kinglet.kill();
            upload.cancel(true);
            kinglet.startAgain();

            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            assertThat(count(incoming)).isZero();
            assertThat(count(kinglet.stateDir().resolve("ota/store"))).isEqualTo(1);
            assertThat(kinglet.log()).contains("removed 1 partial upload(s)");
        }
    }

    @Test
    void aCommitKilledBeforeItsRenameLeavesTheOldManifestInForce() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            JsonNode first = deploy(client(kinglet), "committed", demo10);
            kinglet.kill();
            // what a kill between writing the new manifest and renaming it leaves: a partial temporary file
            Files.writeString(kinglet.stateDir().resolve("ota/committed.properties.tmp"), "deployment=d9\nbundle.io.kinglet.de");

            kinglet.startAgain();

            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            assertThat(kinglet.log()).contains("Booting the committed set (deployment " + first.get("id").asText());
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /** An upload that trickles: the runtime is killed while it is still arriving. */
    private static final class SlowStream extends InputStream {
        private final byte[] content;
        private int position;

        SlowStream(byte[] content) {
            this.content = content;
        }

        @Override
        public int read() throws IOException {
            if (position >= content.length) {
                return -1;
            }
            if (position % 256 == 0) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return content[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
