package io.kinglet.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinglet.e2e.CuttingProxy;
import io.kinglet.e2e.HawkbitManagement;
import io.kinglet.e2e.HawkbitManagement.MaintenanceWindow;
import io.kinglet.e2e.HawkbitServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hawkBit harness against the real server: what the management API sets up is what a device
 * finds through DDI, through the {@link CuttingProxy}, and the device's feedback comes back on the
 * management side. The JSON the server (1.0.4) was seen to send and take, for the DDI client's sake:
 *
 * <pre>
 * GET /DEFAULT/controller/v1/dev-1 (TargetToken; hrefs built from the Host sent, so the proxy's)
 *   {"config":{"polling":{"sleep":"00:00:02"}},"_links":{
 *     "deploymentBase":{"href":"http://H/DEFAULT/controller/v1/dev-1/deploymentBase/1?c=411599879"},
 *     "configData":{"href":"http://H/DEFAULT/controller/v1/dev-1/configData"}}}
 *   "cancelAction":{"href":".../cancelAction/3"} instead of deploymentBase while a cancel is asked;
 *   "installedBase":{"href":".../installedBase/1"} once finished; configData only until attributes came
 *   (no "_links" at all when there is nothing to link).
 * GET deploymentBase/1?c=... (c changes with the action's state, e.g. its maintenance window: the id is what stays)
 *   {"id":"1","deployment":{"download":"forced","update":"forced","chunks":[{"part":"bApp","version":"1.0.0",
 *     "name":"fw","artifacts":[{"filename":"fw.bin","hashes":{"sha1":"2c8c..","md5":"049f..","sha256":"026f.."},
 *     "size":300000,"_links":{"download-http":{"href":".../softwaremodules/2/artifacts/fw.bin"},
 *     "md5sum-http":{"href":".../softwaremodules/2/artifacts/fw.bin.MD5SUM"}}}]}]}}
 *   soft: "download":"attempt","update":"attempt"; part: the module type's key ("os", "bundle"), but
 *   "bApp" for "application";
 *   with a maintenance window: "maintenanceWindow":"available" (update as assigned) or "unavailable"
 *   (and "update":"skip") after "chunks"; none without a window.
 * GET cancelAction/3   {"id":"3","cancelAction":{"stopId":"3"}}
 * POST deploymentBase/1/feedback, cancelAction/3/feedback (no "id" or "time" needed; both are taken):
 *   {"status":{"execution":"closed","result":{"finished":"success"},"details":["done"]}}  200
 *   execution: closed, proceeding, download, downloaded, scheduled, ...; finished: success, failure, none
 * Range: bytes=N- on download-http: 206 with Content-Range: bytes N-299999/300000.
 * Refusals: a wrong or missing token 401 with an empty body; feedback for an unknown action 404
 *   {"exceptionClass":"...EntityNotFoundException","errorCode":"hawkbit.server.error.repo.entityNotFound",
 *   "message":"Action with given identifier {999} does not exist.",...}; for another target's action 404
 *   ("Not a valid action (4) for target: dev-5"); for a closed action 410 with an empty body.
 * Action "status" (management): running (assigned), retrieved (the device read deploymentBase or
 *   cancelAction), finished, error, canceling, canceled; download/downloaded/proceeding feedback leave it.
 *   A refused cancel (cancel feedback "failure") makes it an active update again, "running".
 * Status messages (actionMessages: oldest first, "type: message | message"):
 *   success: ["running: Assignment initiated by user 'admin'",
 *     "retrieved: Update Server: Target retrieved update action and should start now the download.",
 *     "download: Update Server: Target downloads /DEFAULT/controller/v1/dev-1/softwaremodules/4/artifacts/fw.bin",
 *     "finished: done"]   (the download message for the first GET of an artifact only, not a Range one)
 *   failure: ["running: Assignment initiated by user 'admin'", "error: disk full | rolled back"]
 *   cancel: ["running: Assignment initiated by user 'admin'",
 *     "canceling: Update Server: manual cancelation requested",
 *     "retrieved: Update Server: Target retrieved cancel action and should start now the cancellation.",
 *     "canceled: Update Server: Cancellation confirmed. | Update Server: Cancellation completion is finished
 *     successfully."]
 *   feedback with execution proceeding, download, downloaded: "running: ...", "download: ...", "downloaded: ..."
 * </pre>
 */
class HawkbitServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient DEVICE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String SUCCESS =
            "{\"status\":{\"execution\":\"closed\",\"result\":{\"finished\":\"success\"},\"details\":[\"done\"]}}";

    static HawkbitServer hawkbit;
    static HawkbitManagement management;
    static CuttingProxy proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        if (HawkbitServer.missing().isPresent()) {
            return; // each test is skipped, saying why
        }
        hawkbit = HawkbitServer.start();
        management = hawkbit.management();
        proxy = CuttingProxy.start(hawkbit.port());
    }

    @BeforeEach
    void serverThere() {
        HawkbitServer.assumeAvailable();
    }

    @AfterAll
    static void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (hawkbit != null) {
            hawkbit.close();
        }
    }

    @Test
    void downloadCutAndResumedThroughTheProxyThenFinished() throws Exception {
        management.createTarget("dev-1", "tok-1");
        byte[] content = random(300_000);
        Path file = Files.write(dir.resolve("fw.bin"), content);
        long action = management.deploy("dev-1", "fw", "1.0.0", "application", file);

        JsonNode base = ddiGet(controller("dev-1"), "tok-1");
        assertThat(base.at("/config/polling/sleep").asText()).isEqualTo("00:00:02");
        // links are built from the Host the device sent: the proxy's
        String deploymentBase = base.at("/_links/deploymentBase/href").asText();
        assertThat(deploymentBase).startsWith(controller("dev-1") + "/deploymentBase/" + action + "?c=");
        assertThat(base.at("/_links/configData/href").asText()).isEqualTo(controller("dev-1") + "/configData");
        assertThat(management.actionStatus("dev-1", action)).isEqualTo("running");

        JsonNode deployment = ddiGet(deploymentBase, "tok-1");
        assertThat(deployment.get("id").asText()).isEqualTo(String.valueOf(action));
        assertThat(deployment.at("/deployment/download").asText()).isEqualTo("forced");
        assertThat(deployment.at("/deployment/update").asText()).isEqualTo("forced");
        assertThat(deployment.at("/deployment/maintenanceWindow").isMissingNode())
                .isTrue();
        JsonNode chunk = deployment.at("/deployment/chunks/0");
        assertThat(chunk.get("part").asText()).isEqualTo("bApp");
        assertThat(chunk.get("name").asText()).isEqualTo("fw");
        assertThat(chunk.get("version").asText()).isEqualTo("1.0.0");
        JsonNode artifact = chunk.at("/artifacts/0");
        assertThat(artifact.get("filename").asText()).isEqualTo("fw.bin");
        assertThat(artifact.get("size").asLong()).isEqualTo(content.length);
        assertThat(artifact.at("/hashes/sha256").asText()).isEqualTo(sha256(content));
        assertThat(artifact.at("/hashes/sha1").asText()).hasSize(40);
        assertThat(artifact.at("/hashes/md5").asText()).hasSize(32);
        String download = artifact.at("/_links/download-http/href").asText();
        assertThat(download).matches(Pattern.quote(controller("dev-1")) + "/softwaremodules/\\d+/artifacts/fw\\.bin");
        assertThat(artifact.at("/_links/md5sum-http/href").asText()).isEqualTo(download + ".MD5SUM");
        assertThat(management.actionStatus("dev-1", action)).isEqualTo("retrieved");

        proxy.cutNextDownloadAfter(100_000);
        byte[] first = downloadUntilCut(download, "tok-1");
        // the cut counts the response's headers too
        assertThat(first.length).isBetween(99_000, 99_999);
        assertThat(first).isEqualTo(Arrays.copyOf(content, first.length));

        HttpResponse<byte[]> rest = DEVICE.send(
                device(download, "tok-1")
                        .header("Range", "bytes=" + first.length + "-")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range"))
                .hasValue("bytes " + first.length + "-" + (content.length - 1) + "/" + content.length);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(first);
        whole.write(rest.body());
        assertThat(whole.toByteArray()).isEqualTo(content);
        assertThat(sha256(whole.toByteArray()))
                .isEqualTo(artifact.at("/hashes/sha256").asText());
        assertThat(proxy.rangeHeaders()).contains("bytes=" + first.length + "-");

        String feedback = controller("dev-1") + "/deploymentBase/" + action + "/feedback";
        assertThat(ddiPost(feedback, "tok-1", SUCCESS)).isEqualTo(200);
        assertThat(management.actionStatus("dev-1", action)).isEqualTo("finished");
        assertThat(management.actionMessages("dev-1", action))
                .containsExactly(
                        "running: Assignment initiated by user 'admin'",
                        "retrieved: Update Server: Target retrieved update action and should start now the download.",
                        // the first GET only, not the one with a Range
                        "download: Update Server: Target downloads "
                                + URI.create(download).getPath(),
                        "finished: done");
        assertThat(ddiGet(controller("dev-1"), "tok-1")
                        .at("/_links/installedBase/href")
                        .asText())
                .isEqualTo(controller("dev-1") + "/installedBase/" + action);
        // the action is closed: more feedback is gone
        assertThat(ddiPost(feedback, "tok-1", SUCCESS)).isEqualTo(410);
    }

    @Test
    void failureFeedbackEndsTheActionInError() throws Exception {
        management.createTarget("dev-2", "tok-2");
        long action = management.deploy("dev-2", "fw-2", "1.0.0", "application", artifact("fw-2.bin"));

        int status = ddiPost(
                controller("dev-2") + "/deploymentBase/" + action + "/feedback",
                "tok-2",
                "{\"status\":{\"execution\":\"closed\",\"result\":{\"finished\":\"failure\"},"
                        + "\"details\":[\"disk full\",\"rolled back\"]}}");

        assertThat(status).isEqualTo(200);
        assertThat(management.actionStatus("dev-2", action)).isEqualTo("error");
        assertThat(management.action("dev-2", action).get("active").asBoolean()).isFalse();
        assertThat(management.actionMessages("dev-2", action))
                .containsExactly("running: Assignment initiated by user 'admin'", "error: disk full | rolled back");
    }

    @Test
    void cancelledActionIsOfferedAsCancelActionAndEndsCanceled() throws Exception {
        management.createTarget("dev-3", "tok-3");
        long action = management.deploy("dev-3", "fw-3", "1.0.0", "application", artifact("fw-3.bin"));

        management.cancel("dev-3", action);
        assertThat(management.actionStatus("dev-3", action)).isEqualTo("canceling");
        JsonNode links = ddiGet(controller("dev-3"), "tok-3").get("_links");
        assertThat(links.has("deploymentBase")).isFalse();
        String cancelAction = links.at("/cancelAction/href").asText();
        assertThat(cancelAction).isEqualTo(controller("dev-3") + "/cancelAction/" + action);
        JsonNode cancel = ddiGet(cancelAction, "tok-3");
        assertThat(cancel.get("id").asText()).isEqualTo(String.valueOf(action));
        assertThat(cancel.at("/cancelAction/stopId").asText()).isEqualTo(String.valueOf(action));

        int status = ddiPost(
                cancelAction + "/feedback",
                "tok-3",
                "{\"status\":{\"execution\":\"closed\",\"result\":{\"finished\":\"success\"}}}");

        assertThat(status).isEqualTo(200);
        assertThat(management.actionStatus("dev-3", action)).isEqualTo("canceled");
        assertThat(management.actionMessages("dev-3", action))
                .containsExactly(
                        "running: Assignment initiated by user 'admin'",
                        "canceling: Update Server: manual cancelation requested",
                        "retrieved: Update Server: Target retrieved cancel action and should start now the cancellation.",
                        "canceled: Update Server: Cancellation confirmed."
                                + " | Update Server: Cancellation completion is finished successfully.");
        assertThat(ddiGet(controller("dev-3"), "tok-3").path("_links").has("cancelAction"))
                .isFalse();
    }

    @Test
    void configDataShowsAsAttributes() throws Exception {
        management.createTarget("dev-4", "tok-4");
        String configData = ddiGet(controller("dev-4"), "tok-4")
                .at("/_links/configData/href")
                .asText();

        int status =
                ddiSend("PUT", configData, "tok-4", "{\"mode\":\"merge\",\"data\":{\"kinglet.version\":\"0.1.0\"}}");

        assertThat(status).isEqualTo(200);
        assertThat(management.attributes("dev-4")).containsEntry("kinglet.version", "0.1.0");
        // asked for once: the link goes once the attributes came
        assertThat(ddiGet(controller("dev-4"), "tok-4").path("_links").has("configData"))
                .isFalse();
    }

    @Test
    void maintenanceWindowAndSoftAssignmentAsTheDeviceSeesThem() throws Exception {
        management.createTarget("dev-5", "tok-5");
        management.createTarget("dev-6", "tok-6");
        long module = management.createSoftwareModule("fw-5", "1.0.0", "application");
        management.uploadArtifact(module, artifact("fw-5.bin"));
        long set = management.createDistributionSet("fw-5", "1.0.0", "app", module);
        // a window opening every minute for 59 minutes is open now; one two hours from now is not
        long open = management.assign("dev-5", set, "soft", new MaintenanceWindow("0 * * * * ?", "00:59:00", "+00:00"));
        int later = ZonedDateTime.now(ZoneOffset.UTC).plusHours(2).getHour();
        long closed = management.assign(
                "dev-6", set, "forced", new MaintenanceWindow("0 0 " + later + " * * ?", "01:00:00", "+00:00"));

        JsonNode soft =
                ddiGet(controller("dev-5") + "/deploymentBase/" + open, "tok-5").get("deployment");
        assertThat(soft.get("download").asText()).isEqualTo("attempt");
        assertThat(soft.get("update").asText()).isEqualTo("attempt");
        assertThat(soft.get("maintenanceWindow").asText()).isEqualTo("available");
        JsonNode waiting = ddiGet(controller("dev-6") + "/deploymentBase/" + closed, "tok-6")
                .get("deployment");
        assertThat(waiting.get("download").asText()).isEqualTo("forced");
        assertThat(waiting.get("update").asText()).isEqualTo("skip");
        assertThat(waiting.get("maintenanceWindow").asText()).isEqualTo("unavailable");
        assertThat(management
                        .action("dev-6", closed)
                        .at("/maintenanceWindow/schedule")
                        .asText())
                .isEqualTo("0 0 " + later + " * * ?");
    }

    @Test
    void ownModuleTypeForBundles() throws Exception {
        management.createTarget("dev-7", "tok-7");
        management.createModuleType("bundle", "OSGi bundle");

        long action = management.deploy(
                "dev-7", "demo", "2.0.0", "bundle", artifact("demo-2.0.0.jar"), artifact("extra-1.0.0.jar"));

        JsonNode chunk = ddiGet(controller("dev-7") + "/deploymentBase/" + action, "tok-7")
                .at("/deployment/chunks/0");
        // the part is the module type's key, but for application's: bApp
        assertThat(chunk.get("part").asText()).isEqualTo("bundle");
        assertThat(chunk.get("name").asText()).isEqualTo("demo");
        assertThat(chunk.get("artifacts").findValuesAsText("filename"))
                .containsExactlyInAnyOrder("demo-2.0.0.jar", "extra-1.0.0.jar");
    }

    @Test
    void refusals() throws Exception {
        management.createTarget("dev-8", "tok-8");
        management.createTarget("dev-9", "tok-9");

        assertThat(ddiStatus(controller("dev-8"), "wrong")).isEqualTo(401);
        assertThat(ddiStatus(controller("dev-8"), "tok-9")).isEqualTo(401);
        HttpResponse<String> anonymous = DEVICE.send(
                HttpRequest.newBuilder(URI.create(controller("dev-8"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(ddiPost(controller("dev-8") + "/deploymentBase/999999/feedback", "tok-8", SUCCESS))
                .isEqualTo(404);
        assertThatThrownBy(() -> management.createTarget("dev-8", "again"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("409");
    }

    @Test
    void gatewayTokenCreatesAnUnknownTarget() throws Exception {
        // straight to the server, not through the proxy
        String resource = hawkbit.ddiUrl() + "/controller/v1/gw-dev-1";
        HttpResponse<String> response = DEVICE.send(
                HttpRequest.newBuilder(URI.create(resource))
                        .header("Authorization", "GatewayToken " + hawkbit.gatewayToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/_links/configData/href").asText())
                .isEqualTo(resource + "/configData");
        assertThat(resource).startsWith(hawkbit.baseUrl());
        // an unknown target's attributes would be a 404
        assertThat(management.attributes("gw-dev-1")).isEmpty();
    }

    @Test
    void proxyDownRefusesConnectionsUntilUp() throws Exception {
        management.createTarget("dev-10", "tok-10");
        proxy.setDown(true);
        try {
            assertThatThrownBy(() -> ddiStatus(controller("dev-10"), "tok-10")).isInstanceOf(IOException.class);
        } finally {
            proxy.setDown(false);
        }
        assertThat(ddiStatus(controller("dev-10"), "tok-10")).isEqualTo(200);
        assertThat(proxy.requests()).contains("GET /DEFAULT/controller/v1/dev-10 HTTP/1.1");
    }

    /** The DDI resource of a target, through the proxy. */
    private static String controller(String controllerId) {
        return proxy.url() + "/" + hawkbit.tenant() + "/controller/v1/" + controllerId;
    }

    private Path artifact(String name) throws IOException {
        return Files.write(dir.resolve(name), random(4096));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Reads the body until the proxy cuts it; returns what came. */
    private static byte[] downloadUntilCut(String url, String token) throws InterruptedException, IOException {
        HttpResponse<InputStream> response =
                DEVICE.send(device(url, token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream body = response.body()) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            throw new AssertionError("the download was not cut: " + received.size() + " bytes");
        } catch (IOException e) {
            return received.toByteArray(); // cut: fewer bytes than the Content-Length
        }
    }

    private static HttpRequest.Builder device(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "TargetToken " + token);
    }

    private static JsonNode ddiGet(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = DEVICE.send(device(url, token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int ddiStatus(String url, String token) throws IOException, InterruptedException {
        return DEVICE.send(device(url, token).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int ddiPost(String url, String token, String json) throws IOException, InterruptedException {
        return ddiSend("POST", url, token, json);
    }

    private static int ddiSend(String method, String url, String token, String json)
            throws IOException, InterruptedException {
        return DEVICE.send(
                        device(url, token)
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
