package io.kinglet.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * hawkBit's management API ({@code /rest/v1}, basic auth admin/admin) as an operator would use it to
 * set up what a device then finds by polling: targets, software modules with artifacts, distribution
 * sets, assignments, cancellations; and what the server made of the device's feedback. Every call
 * throws an {@link IOException} with the server's answer when it is not 2xx.
 */
public final class HawkbitManagement {

    /**
     * A maintenance window for an assignment: {@code schedule} a Quartz cron expression (seconds
     * first, e.g. {@code "0 0 3 * * ?"}), {@code duration} {@code "HH:mm:ss"}, {@code timezone} an
     * offset such as {@code "+00:00"}. Outside it the device is told {@code update: "skip"}.
     */
    public record MaintenanceWindow(String schedule, String duration, String timezone) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization =
            "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HawkbitManagement(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    /** A target the device authenticates as with {@code Authorization: TargetToken <securityToken>}. */
    public void createTarget(String controllerId, String securityToken) throws IOException {
        post(
                "/rest/v1/targets",
                List.of(Map.of("controllerId", controllerId, "name", controllerId, "securityToken", securityToken)));
    }

    /**
     * A software module type (e.g. for OSGi bundles), any number of whose modules a distribution set
     * may hold, and a distribution set type of the same key requiring it, so that
     * {@link #createDistributionSet} and {@link #deploy} take {@code key} as the type of both. The
     * built-in module types are {@code os} and {@code application}.
     */
    public void createModuleType(String key, String name) throws IOException {
        JsonNode type = post(
                "/rest/v1/softwaremoduletypes",
                List.of(Map.of("key", key, "name", name, "maxAssignments", Integer.MAX_VALUE)));
        post(
                "/rest/v1/distributionsettypes",
                List.of(Map.of(
                        "key",
                        key,
                        "name",
                        name,
                        "mandatorymodules",
                        List.of(Map.of("id", type.get(0).get("id"))))));
    }

    /** A software module of the module type {@code type} ({@code os}, {@code application} or a created one). */
    public long createSoftwareModule(String name, String version, String type) throws IOException {
        return post("/rest/v1/softwaremodules", List.of(Map.of("name", name, "version", version, "type", type)))
                .get(0)
                .get("id")
                .asLong();
    }

    /** Uploads {@code file} under its own name, as the multipart part {@code file}. */
    public void uploadArtifact(long moduleId, Path file) throws IOException {
        String boundary = "kinglet-" + UUID.randomUUID();
        List<byte[]> body = List.of(
                ("--" + boundary + "\r\n"
                                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                                + "\"\r\n"
                                + "Content-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(file),
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        send(request("/rest/v1/softwaremodules/" + moduleId + "/artifacts")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(body)));
    }

    /**
     * A distribution set of the given modules. The distribution set types are {@code os} (one os
     * module), {@code app} (application modules), {@code os_app} (an os module and applications) and
     * those {@link #createModuleType} made.
     */
    public long createDistributionSet(String name, String version, String type, long... moduleIds) throws IOException {
        List<Map<String, Long>> modules =
                LongStream.of(moduleIds).mapToObj(id -> Map.of("id", id)).toList();
        return post(
                        "/rest/v1/distributionsets",
                        List.of(Map.of("name", name, "version", version, "type", type, "modules", modules)))
                .get(0)
                .get("id")
                .asLong();
    }

    /** Assigns the set to the target, {@code type} {@code forced} or {@code soft}; returns the action's id. */
    public long assign(String controllerId, long dsId, String type) throws IOException {
        return assign(controllerId, Map.of("id", dsId, "type", type));
    }

    /** As {@link #assign(String, long, String)}, installable only within {@code window}. */
    public long assign(String controllerId, long dsId, String type, MaintenanceWindow window) throws IOException {
        return assign(controllerId, Map.of("id", dsId, "type", type, "maintenanceWindow", window));
    }

    private long assign(String controllerId, Map<String, Object> assignment) throws IOException {
        return post("/rest/v1/targets/" + controllerId + "/assignedDS", List.of(assignment))
                .get("assignedActions")
                .get(0)
                .get("id")
                .asLong();
    }

    /**
     * Asks for the action to be cancelled: it goes {@code canceling}, and the device finds a
     * {@code cancelAction} link instead of {@code deploymentBase} until it answers.
     */
    public void cancel(String controllerId, long actionId) throws IOException {
        send(request("/rest/v1/targets/" + controllerId + "/actions/" + actionId)
                .DELETE());
    }

    /** The action as the server sees it: {@code type} (update, cancel), {@code active}, {@code status}, ... */
    public JsonNode action(String controllerId, long actionId) throws IOException {
        return get("/rest/v1/targets/" + controllerId + "/actions/" + actionId);
    }

    /**
     * The action's {@code status}: {@code running} once assigned, {@code retrieved} once the device
     * read it, then {@code finished}, {@code error}, or {@code canceling} and {@code canceled}.
     */
    public String actionStatus(String controllerId, long actionId) throws IOException {
        return action(controllerId, actionId).get("status").asText();
    }

    /**
     * The action's status history, oldest first, each entry {@code "type: message | message"}: the
     * server's own (e.g. {@code "retrieved: Update Server: Target retrieved update action ..."}) and
     * the device's feedback, whose {@code details} are the messages (e.g. {@code "finished: done"},
     * {@code "error: disk full | rolled back"}).
     */
    public List<String> actionMessages(String controllerId, long actionId) throws IOException {
        JsonNode page = get(
                "/rest/v1/targets/" + controllerId + "/actions/" + actionId + "/status?offset=0&limit=500&sort=id:ASC");
        List<String> entries = new ArrayList<>();
        for (JsonNode status : page.get("content")) {
            List<String> messages = new ArrayList<>();
            status.path("messages").forEach(m -> messages.add(m.asText()));
            entries.add(status.get("type").asText() + ": " + String.join(" | ", messages));
        }
        return entries;
    }

    /** The attributes the device reported through {@code configData}; empty when none yet. */
    public Map<String, String> attributes(String controllerId) throws IOException {
        JsonNode attributes = get("/rest/v1/targets/" + controllerId + "/attributes");
        return attributes == null
                ? Map.of()
                : JSON.convertValue(attributes, new TypeReference<LinkedHashMap<String, String>>() {});
    }

    /**
     * Everything a deployment needs in one: a module of type {@code type} with {@code files} as its
     * artifacts, a distribution set of it (type {@code app} for {@code application}, {@code os} for
     * {@code os}, else {@code type}), both named {@code name} {@code version}, assigned forced.
     * Returns the action's id.
     */
    public long deploy(String controllerId, String name, String version, String type, Path... files)
            throws IOException {
        long module = createSoftwareModule(name, version, type);
        for (Path file : files) {
            uploadArtifact(module, file);
        }
        String setType = type.equals("application") ? "app" : type;
        return assign(controllerId, createDistributionSet(name, version, setType, module), "forced");
    }

    private JsonNode get(String path) throws IOException {
        return send(request(path).GET());
    }

    private JsonNode post(String path, Object body) throws IOException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder builder) throws IOException {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? null : JSON.readTree(response.body());
    }
}
