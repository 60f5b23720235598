package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.DEPLOYMENT_TIMEOUT;
import static io.kinglet.e2e.OtaSetup.FINAL;
import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.installedCopies;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 at every step of an update, then a start: the device comes up on one consistent committed
 * set — the old one if the commit had not completed, the new one if it had — with exactly one copy
 * of the bundle, and the journal says which step the kill interrupted. The hook is a test-only
 * bundle (io.kinglet.e2e.crasher) that holds the agent's thread at the configured event, so the
 * kill lands exactly there.
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

    /**
     * The hook holds the agent's thread at one step; the kill lands there. A deployment killed before
     * its commit's rename comes back rolled back, its journal naming that very step; one killed after
     * it comes back committed.
     */
    @ParameterizedTest(name = "killed while {0}")
    @CsvSource({
        "verified,   topic=io/kinglet/ota/VERIFIED,           io.kinglet.demo 1.0.0",
        "installed,  topic=io/kinglet/ota/INSTALLED,          io.kinglet.demo 1.0.0",
        "switching,  bundleEvent=UNINSTALLED:io.kinglet.demo, io.kinglet.demo 1.0.0",
        "probation,  topic=io/kinglet/ota/PROBATION,          io.kinglet.demo 1.0.0",
        "committing, topic=io/kinglet/ota/COMMITTING,         io.kinglet.demo 1.0.0",
        "committed,  topic=io/kinglet/ota/COMMITTED,          io.kinglet.demo 1.1.0"
    })
    void killedAtAStepComesBackOnOneConsistentSet(String step, String hook, String expected) throws Exception {
        try (KingletProcess kinglet = runtimeWithCrasher()) {
            String committedBefore = Files.readString(kinglet.stateDir().resolve("ota/committed.properties"));
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
            if (step.equals("committing")) {
                // a real kill between the staged manifest and its rename: the new one waits beside the old
                assertThat(kinglet.stateDir().resolve("ota/committed.properties.tmp"))
                        .content()
                        .contains("bundle.io.kinglet.demo=1.1.0 ");
                assertThat(kinglet.stateDir().resolve("ota/committed.properties"))
                        .hasContent(committedBefore);
            }
            // the hook must not hold the next start's own steps
            kinglet.dropConfig("io.kinglet.e2e.crasher.cfg", "topic=\n");
            kinglet.startAgain();

            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo(expected);
            assertThat(installedCopies(kinglet, "io.kinglet.demo")).isEqualTo(1);
            assertThat(kinglet.get("/health/ready").statusCode()).isEqualTo(200);
            // the agent finishes what the kill interrupted right after it starts, naming the step
            JsonNode last = ota.awaitState(
                    ota.get("/ota/deployments").json().get(0).get("id").asText(), DEPLOYMENT_TIMEOUT, FINAL);
            if (expected.endsWith("1.1.0")) {
                assertThat(last.get("state").asText()).isEqualTo("committed");
            } else {
                assertThat(last.get("state").asText()).isEqualTo("rolled-back");
                assertThat(last.get("reason").asText())
                        .isEqualTo("interrupted by a restart while " + step + "; the committed set was booted");
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
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SlowStream(jar)))
                    .build();
            CompletableFuture<HttpResponse<String>> upload =
                    HttpClient.newHttpClient().sendAsync(slow, HttpResponse.BodyHandlers.ofString());
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
