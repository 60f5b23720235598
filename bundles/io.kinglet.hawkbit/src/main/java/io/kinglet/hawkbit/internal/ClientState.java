package io.kinglet.hawkbit.internal;

import io.kinglet.boot.CheckedFiles;
import io.kinglet.boot.DamagedFileException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client must not forget over a restart (a power cut, or the framework restarting into an
 * OTA agent update): the action under way and how far it got, the feedback the server has not taken
 * yet, and the attributes it last took. One checked file, written whole at every change; a damaged
 * one is kept aside and the client starts afresh, saying so.
 */
final class ClientState {

    private static final Logger LOG = LoggerFactory.getLogger(ClientState.class);

    enum Phase {
        DOWNLOADING,
        DOWNLOADED,
        SUBMITTED
    }

    /**
     * The action the device works on.
     *
     * @param reported the last OTA state reported to the server for it (so each is sent once)
     */
    record Action(String actionId, String distribution, Phase phase, String deploymentId, String reported) {
        Action in(Phase next, String deployment) {
            return new Action(actionId, distribution, next, deployment, reported);
        }

        Action reporting(String state) {
            return new Action(actionId, distribution, phase, deploymentId, state);
        }
    }

    private final Path file;
    private final JsonProvider json;
    private Action action;
    private final List<Feedback> pending = new ArrayList<>();
    private String attributes = "";
    private String damage = "";

    private ClientState(Path file, JsonProvider json) {
        this.file = file;
        this.json = json;
    }

    static ClientState load(Path file, JsonProvider json) throws IOException {
        ClientState state = new ClientState(file, json);
        if (!Files.exists(file)) {
            return state;
        }
        try {
            JsonObject root;
            try (var reader =
                    json.createReader(new ByteArrayInputStream(CheckedFiles.read(file, CheckedFiles.Legacy.REFUSE)))) {
                root = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                throw new DamagedFileException(file, "it is not the JSON it should be (" + e.getMessage() + ")");
            }
            state.read(root);
        } catch (DamagedFileException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            Path aside = CheckedFiles.quarantine(file);
            state.damage = "the client's state was damaged and is kept aside as " + aside
                    + "; an action under way is taken again from the server";
            LOG.error("hawkBit: {} ({})", state.damage, e.getMessage());
        }
        return state;
    }

    private void read(JsonObject root) {
        JsonValue a = root.get("action");
        if (a != null && a.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject o = a.asJsonObject();
            action = new Action(
                    o.getString("actionId"),
                    o.getString("distribution"),
                    Phase.valueOf(o.getString("phase")),
                    o.getString("deploymentId", ""),
                    o.getString("reported", ""));
        }
        for (JsonValue f : root.getJsonArray("pending")) {
            pending.add(new Feedback(
                    f.asJsonObject().getString("path"), f.asJsonObject().getString("json")));
        }
        attributes = root.getString("attributes", "");
    }

    private void save() throws IOException {
        JsonObjectBuilder root = json.createObjectBuilder();
        if (action != null) {
            root.add(
                    "action",
                    json.createObjectBuilder()
                            .add("actionId", action.actionId())
                            .add("distribution", action.distribution())
                            .add("phase", action.phase().name())
                            .add("deploymentId", action.deploymentId())
                            .add("reported", action.reported()));
        }
        JsonArrayBuilder list = json.createArrayBuilder();
        pending.forEach(
                f -> list.add(json.createObjectBuilder().add("path", f.path()).add("json", f.json())));
        root.add("pending", list).add("attributes", attributes);
        Files.createDirectories(file.getParent());
        CheckedFiles.write(file, root.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    Action action() {
        return action;
    }

    void action(Action next) throws IOException {
        action = next;
        save();
    }

    List<Feedback> pending() {
        return List.copyOf(pending);
    }

    void queue(Feedback feedback) throws IOException {
        pending.add(feedback);
        save();
    }

    /** The feedback has reached the server (or can never): it goes. */
    void sent(Feedback feedback) throws IOException {
        pending.remove(feedback);
        save();
    }

    String attributes() {
        return attributes;
    }

    void attributes(String sent) throws IOException {
        attributes = sent;
        save();
    }

    /** Why the state was started afresh; empty when it was read intact. */
    String damage() {
        return damage;
    }
}
