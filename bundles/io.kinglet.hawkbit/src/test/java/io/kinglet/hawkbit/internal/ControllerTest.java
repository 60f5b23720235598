package io.kinglet.hawkbit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinglet.ota.api.DeploymentState;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's state machine against a DDI server on loopback answering as hawkBit 1.0.4 did
 * (recorded answers), with the OTA agent behind its API: deployments, feedback, failures.
 */
class ControllerTest {

    static final String BASE = "/DEFAULT/controller/v1/dev-001";
    static final String DEPLOYMENT = BASE + "/deploymentBase/1";
    static final String ARTIFACT = BASE + "/softwaremodules/1/artifacts/io.kinglet.demo-1.0.1.jar";
    static final String FEEDBACK = DEPLOYMENT + "/feedback";

    @TempDir
    Path dir;

    private final JsonProvider json = JsonProvider.provider();
    private final FakeOta ota = new FakeOta();
    private final BlockingQueue<Downloads.IoTask> clientThread = new LinkedBlockingQueue<>();
    private final ExecutorService downloadThread = Executors.newSingleThreadExecutor();
    private final byte[] bundle = new byte[2345];
    private StubServer server;
    private DdiClient client;
    private ClientState state;
    private Controller controller;

    @BeforeEach
    void start() throws Exception {
        new Random(42).nextBytes(bundle);
        server = new StubServer();
        server.answer(BASE, StubServer.Answer.json(recorded("base-deployment.json")));
        server.answer(DEPLOYMENT, StubServer.Answer.json(deployment(bundle)));
        server.answer(ARTIFACT, new StubServer.Answer(200, bundle, -1, 0));
        controller = controller(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        downloadThread.shutdownNow();
        client.close();
        server.close();
    }

    private Controller controller(Duration timeout) throws IOException {
        if (client != null) {
            client.close();
        }
        client = new DdiClient(server.base(), "TargetToken tok-001", true, timeout, null);
        state = ClientState.load(dir.resolve("client.json"), json);
        Downloads downloads = new Downloads(
                new Downloader(client, dir.resolve("downloads"), timeout),
                dir.resolve("downloads"),
                downloadThread,
                clientThread::add);
        return new Controller(
                client, new DdiParser(json), json, state, ota, downloads, new DeviceAttributes("0.1.0", "default"));
    }

    private String recorded(String name) throws IOException {
        return DdiParserTest.recorded(name)
                .replace("http://127.0.0.1:8080", server.url("").toString());
    }

    /** The recorded deployment, its artifact's size and hashes made those of {@code content}. */
    private String deployment(byte[] content) throws Exception {
        return recorded("deployment.json")
                .replace("\"size\":2345", "\"size\":" + content.length)
                .replaceAll("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"" + hash("SHA-256", content) + "\"")
                .replaceAll("\"sha1\":\"[0-9a-f]+\"", "\"sha1\":\"" + hash("SHA-1", content) + "\"")
                .replaceAll("\"md5\":\"[0-9a-f]+\"", "\"md5\":\"" + hash("MD5", content) + "\"");
    }

    private static String hash(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    /** Runs what the download thread hands back, as the client's thread does, until {@code done}. */
    private void settle(BooleanSupplier done) throws Exception {
        while (!done.getAsBoolean()) {
            Downloads.IoTask task = clientThread.poll(10, TimeUnit.SECONDS);
            assertThat(task).as("a download that ends").isNotNull();
            task.run();
        }
    }

    private String feedback() {
        return String.join(
                "\n", server.to(FEEDBACK).stream().map(StubServer.Request::body).toList());
    }

    @Test
    void anAssignedBundleIsDownloadedSubmittedAndFollowedToCommitted() throws Exception {
        assertThat(controller.poll()).isEqualTo(Duration.ofSeconds(2));
        settle(() -> state.action().phase() == ClientState.Phase.SUBMITTED);

        assertThat(ota.submitted).singleElement().isEqualTo(bundle);
        assertThat(server.to(ARTIFACT))
                .singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("TargetToken tok-001"));
        // attributes at first contact
        assertThat(server.to(BASE + "/configData"))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.body())
                                .startsWith(
                                        "{\"mode\":\"merge\",\"data\":{\"kinglet.version\":\"0.1.0\",\"kinglet.profile\":\"default\""));

        ota.move(DeploymentState.PROBATION, null);
        controller.track();
        ota.move(DeploymentState.COMMITTED, null);
        controller.track();
        controller.flush();

        assertThat(feedback())
                .contains("{\"status\":{\"execution\":\"proceeding\",\"result\":{\"finished\":\"none\",\"progress\":"
                        + "{\"cnt\":0,\"of\":1}},\"details\":[\"downloading io.kinglet.demo 1.0.1\"]}}")
                .contains("\"execution\":\"downloaded\"")
                .contains("OTA deployment 8: installed, switching")
                .contains("OTA deployment 8 (io.kinglet.demo 1.0.1): switched, on probation")
                .endsWith("{\"status\":{\"execution\":\"closed\",\"result\":{\"finished\":\"success\"},\"details\":"
                        + "[\"OTA deployment 8 (io.kinglet.demo 1.0.1): committed\"]}}");
        assertThat(state.action()).isNull();
        assertThat(state.pending()).isEmpty();
        try (var left = Files.list(dir.resolve("downloads"))) {
            assertThat(left).isEmpty();
        }
        // the new committed deployment is an attribute the server is told at the next poll
        controller.poll();
        assertThat(server.to(BASE + "/configData"))
                .hasSize(2)
                .last()
                .satisfies(r -> assertThat(r.body()).contains("\"kinglet.deployment\":\"8\""));
    }

    @Test
    void aRollbackEndsTheActionWithTheAgentsReason() throws Exception {
        controller.poll();
        settle(() -> state.action().phase() == ClientState.Phase.SUBMITTED);

        ota.move(DeploymentState.ROLLED_BACK, "the health check 'demo' failed: CRITICAL");
        controller.track();
        controller.flush();

        assertThat(feedback())
                .endsWith("{\"status\":{\"execution\":\"closed\",\"result\":{\"finished\":\"failure\"},\"details\":"
                        + "[\"OTA deployment 8 (io.kinglet.demo 1.0.1): rolled-back: the health check 'demo' failed:"
                        + " CRITICAL\"]}}");
        assertThat(state.action()).isNull();
    }

    @Test
    void aBrokenDownloadIsResumedWhereItBroke() throws Exception {
        server.answerOnce(ARTIFACT, new StubServer.Answer(200, bundle, 1000, 0));

        controller.poll();
        settle(() -> state.action().phase() == ClientState.Phase.SUBMITTED);

        assertThat(server.to(ARTIFACT))
                .hasSize(2)
                .last()
                .satisfies(r -> assertThat(r.range()).isEqualTo("bytes=1000-"));
        assertThat(ota.submitted).singleElement().isEqualTo(bundle);
    }

    @Test
    void anArtifactThatDoesNotMatchItsHashIsNeverSubmitted() throws Exception {
        byte[] tampered = bundle.clone();
        tampered[100] ^= 1;
        server.answer(ARTIFACT, new StubServer.Answer(200, tampered, -1, 0));

        controller.poll();
        settle(() -> state.action() == null);
        controller.flush();

        assertThat(ota.submitted).isEmpty();
        assertThat(feedback())
                .containsPattern("\"finished\":\"failure\"\\},\"details\":\\[\"download failed:"
                        + " io.kinglet.demo-1.0.1.jar does not match its SHA-256: it is [0-9a-f]{64}, the server says");
    }

    @Test
    void anArtifactLargerThanTheAgentTakesIsNotEvenDownloaded() throws Exception {
        ota.maxBundleBytes = 1000;

        controller.poll();
        settle(() -> state.action() == null);
        controller.flush();

        assertThat(server.to(ARTIFACT)).isEmpty();
        assertThat(feedback())
                .endsWith("\"details\":[\"download failed: io.kinglet.demo-1.0.1.jar is 2345 bytes,"
                        + " more than the 1000 a deployment takes (the OTA agent's maxArtifactBytes)\"]}}");
    }

    @Test
    void aRefusalByTheAgentIsTheActionsFailure() throws Exception {
        ota.refuse = "io.kinglet.demo is not signed by a trusted key";

        controller.poll();
        settle(() -> state.action() == null);
        controller.flush();

        assertThat(feedback())
                .endsWith("\"details\":[\"refused by the OTA agent: io.kinglet.demo is not signed by a"
                        + " trusted key\"]}}");
    }

    @Test
    void aBusyAgentIsWaitedForAndTheBundlesSubmittedOnceItIsFree() throws Exception {
        ota.busy = true;
        controller.poll();
        settle(() -> state.action().phase() == ClientState.Phase.DOWNLOADED);
        assertThat(ota.submitted).isEmpty();

        ota.busy = false;
        controller.poll();

        assertThat(state.action().phase()).isEqualTo(ClientState.Phase.SUBMITTED);
        assertThat(ota.submitted).singleElement().isEqualTo(bundle);
    }

    @Test
    void aClosedMaintenanceWindowDownloadsNowAndInstallsWhenItOpens() throws Exception {
        String closed = deployment(bundle)
                .replace("\"update\":\"forced\"", "\"update\":\"forced\"," + "\"maintenanceWindow\":\"unavailable\"");
        server.answer(DEPLOYMENT, StubServer.Answer.json(closed));
        controller.poll();
        settle(() -> state.action().phase() == ClientState.Phase.DOWNLOADED);
        controller.poll();
        assertThat(ota.submitted).isEmpty();
        assertThat(feedback()).contains("downloaded; installing when the maintenance window opens");

        server.answer(DEPLOYMENT, StubServer.Answer.json(closed.replace("unavailable", "available")));
        controller.poll();

        assertThat(ota.submitted).hasSize(1);
    }

    @Test
    void aCancelBeforeTheSwitchStopsTheAction() throws Exception {
        server.answer(ARTIFACT, new StubServer.Answer(200, bundle, -1, 3000));
        controller.poll();
        assertThat(state.action().phase()).isEqualTo(ClientState.Phase.DOWNLOADING);

        serveCancel();
        controller.poll();

        assertThat(state.action()).isNull();
        assertThat(server.to(BASE + "/cancelAction/1/feedback"))
                .singleElement()
                .satisfies(r -> assertThat(r.body())
                        .isEqualTo(
                                "{\"status\":{\"execution\":\"closed\",\"result\":{\"finished\":\"success\"},\"details\":"
                                        + "[\"canceled before anything switched\"]}}"));
        assertThat(ota.submitted).isEmpty();
    }

    private void serveCancel() {
        server.answer(
                BASE,
                StubServer.Answer.json("{\"config\":{\"polling\":{\"sleep\":\"00:00:02\"}},\"_links\":"
                        + "{\"cancelAction\":{\"href\":\"" + server.url(BASE + "/cancelAction/1") + "\"}}}"));
        server.answer(
                BASE + "/cancelAction/1", StubServer.Answer.json("{\"id\":\"1\",\"cancelAction\":{\"stopId\":\"1\"}}"));
    }

    @Test
    void aCancelAfterTheSwitchIsRejectedAndTheDeploymentGoesOn() throws Exception {
        controller.poll();
        settle(() -> state.action().phase() == ClientState.Phase.SUBMITTED);
        serveCancel();

        controller.poll();

        assertThat(server.to(BASE + "/cancelAction/1/feedback"))
                .singleElement()
                .satisfies(r -> assertThat(r.body())
                        .isEqualTo(
                                "{\"status\":{\"execution\":\"rejected\",\"result\":{\"finished\":\"none\"},\"details\":"
                                        + "[\"OTA deployment 8 has switched already; it ends with its probation (committed or rolled"
                                        + " back)\"]}}"));
        assertThat(state.action().phase()).isEqualTo(ClientState.Phase.SUBMITTED);
    }

    @Test
    void feedbackTheServerDidNotTakeIsKeptOverARestart() throws Exception {
        controller.poll();
        settle(() -> state.action().phase() == ClientState.Phase.SUBMITTED);
        server.answer(FEEDBACK, StubServer.Answer.status(503));
        ota.move(DeploymentState.COMMITTED, null);
        controller.track();
        assertThatThrownBy(controller::flush).isInstanceOf(DdiException.class).hasMessageContaining("HTTP 503");

        // a restart: the state as the file has it
        controller = controller(Duration.ofSeconds(5));
        assertThat(state.pending())
                .isNotEmpty()
                .last()
                .satisfies(f -> assertThat(f.json()).contains("\"finished\":\"success\""));
        server.answer(FEEDBACK, StubServer.Answer.status(200));
        controller.flush();

        assertThat(state.pending()).isEmpty();
        assertThat(server.to(FEEDBACK).getLast().body()).contains("\"finished\":\"success\"");
    }

    @Test
    void aRefusedTokenABrokenServerAndASilentOneAreClearFailures() throws Exception {
        server.answer(BASE, StubServer.Answer.status(401));
        assertThatThrownBy(controller::poll)
                .isInstanceOf(DdiException.class)
                .hasMessage("GET " + BASE + ": the server refused the device's token (HTTP 401)");

        server.answer(BASE, new StubServer.Answer(503, "Service Unavailable".getBytes(), -1, 0));
        assertThatThrownBy(controller::poll)
                .isInstanceOf(DdiException.class)
                .hasMessage("GET " + BASE + ": the server failed (HTTP 503): Service Unavailable");

        server.answer(BASE, StubServer.Answer.json("{\"config\":"));
        assertThatThrownBy(controller::poll)
                .isInstanceOf(DdiException.class)
                .hasMessageStartingWith("the base resource is not a JSON object");

        controller = controller(Duration.ofSeconds(1));
        server.answer(
                BASE,
                new StubServer.Answer(200, recorded("base-deployment.json").getBytes(), -1, 3000));
        assertThatThrownBy(controller::poll).isInstanceOf(HttpTimeoutException.class);
        assertThat(state.action()).isNull();
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> new DdiClient(server.base(), "TargetToken t", false, Duration.ofSeconds(1), null))
                .isInstanceOf(DdiException.class)
                .hasMessageStartingWith("refusing plain HTTP to 127.0.0.1");
    }
}
