package io.kinglet.ota.internal;

import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import io.kinglet.ota.api.DeploymentState;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One deployment and its history: what it changes, the state it reached, when, and why it ended as
 * it did. Serialised as the JSON the journal keeps and the HTTP API serves.
 */
final class Deployment {

    /** A push from an operator, or a manual rollback to the previous committed set. */
    enum Kind {
        PUSH,
        ROLLBACK
    }

    /**
     * One bundle the deployment changes. {@code sha256} is null when the target is the version
     * embedded in kinglet.jar (a rollback to it); {@code previousVersion} null for a new bundle.
     */
    record Change(String symbolicName, String version, String sha256, String previousVersion) {
        DeploymentManifest.Artifact artifact() {
            return new DeploymentManifest.Artifact(symbolicName, version, sha256);
        }

        /** Where the new version is installed: the store's artifact, or the embedded jar's boot location. */
        String location() {
            return sha256 == null
                    ? OtaLayout.BOOT_LOCATION_PREFIX + symbolicName
                    : artifact().location();
        }
    }

    record Transition(DeploymentState state, Instant at) {}

    private final String id;
    private final Kind kind;
    private final boolean downgrade;
    private final List<Change> changes = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<String> restarted = new ArrayList<>();
    private String reason;
    private boolean trial;

    Deployment(String id, Kind kind, boolean downgrade) {
        this.id = id;
        this.kind = kind;
        this.downgrade = downgrade;
    }

    String id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    boolean downgrade() {
        return downgrade;
    }

    synchronized DeploymentState state() {
        return transitions.isEmpty()
                ? DeploymentState.RECEIVED
                : transitions.get(transitions.size() - 1).state();
    }

    synchronized Instant since() {
        return transitions.isEmpty()
                ? Instant.EPOCH
                : transitions.get(transitions.size() - 1).at();
    }

    synchronized String reason() {
        return reason;
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    synchronized boolean trial() {
        return trial;
    }

    synchronized void markTrial() {
        trial = true;
    }

    synchronized void add(Change change) {
        changes.add(change);
    }

    /** The bundles besides its own that the switch restarts, each with why, e.g. {@code x (imports y.api)}. */
    synchronized void restarts(List<String> bundles) {
        restarted.clear();
        restarted.addAll(bundles);
    }

    synchronized List<String> restarted() {
        return List.copyOf(restarted);
    }

    synchronized void enter(DeploymentState state, String why) {
        transitions.add(new Transition(state, Instant.now()));
        if (why != null) {
            reason = why;
        }
    }

    synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    /** {@code <symbolic name> <version>} of each change, for events and logs. */
    synchronized List<String> summary() {
        return changes.stream().map(c -> c.symbolicName() + " " + c.version()).toList();
    }

    synchronized JsonObject toJson() {
        JsonArrayBuilder bundles = Json.createArrayBuilder();
        for (Change c : changes) {
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("symbolicName", c.symbolicName())
                    .add("version", c.version());
            b.add("sha256", orNull(c.sha256()));
            b.add("previousVersion", orNull(c.previousVersion()));
            bundles.add(b);
        }
        JsonArrayBuilder history = Json.createArrayBuilder();
        transitions.forEach(t -> history.add(
                Json.createObjectBuilder().add("state", t.state().label()).add("at", t.at().toString())));
        return Json.createObjectBuilder()
                .add("id", id)
                .add("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .add("state", state().label())
                .add("reason", orNull(reason))
                .add("downgrade", downgrade)
                .add("trial", trial)
                .add("bundles", bundles)
                .add("restarted", Json.createArrayBuilder(restarted))
                .add("transitions", history)
                .build();
    }

    /** A string, or JSON null for none. */
    static JsonValue orNull(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }

    static Deployment fromJson(JsonObject json) {
        Deployment d = new Deployment(
                json.getString("id"),
                Kind.valueOf(json.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                json.getBoolean("downgrade", false));
        for (JsonValue value : json.getJsonArray("bundles")) {
            JsonObject b = value.asJsonObject();
            d.changes.add(new Change(
                    b.getString("symbolicName"),
                    b.getString("version"),
                    b.isNull("sha256") ? null : b.getString("sha256"),
                    b.isNull("previousVersion") ? null : b.getString("previousVersion")));
        }
        for (JsonValue value : json.getJsonArray("transitions")) {
            JsonObject t = value.asJsonObject();
            d.transitions.add(
                    new Transition(DeploymentState.fromLabel(t.getString("state")), Instant.parse(t.getString("at"))));
        }
        if (json.containsKey("restarted")) {
            json.getJsonArray("restarted")
                    .getValuesAs(jakarta.json.JsonString::getString)
                    .forEach(d.restarted::add);
        }
        d.reason = json.isNull("reason") ? null : json.getString("reason");
        d.trial = json.getBoolean("trial", false);
        return d;
    }
}
