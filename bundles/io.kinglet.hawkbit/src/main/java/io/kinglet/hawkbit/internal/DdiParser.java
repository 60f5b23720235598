package io.kinglet.hawkbit.internal;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the server's answers into {@link Ddi} records. Anything missing or of the wrong kind is a
 * {@link DdiException} naming the field, never a half-read action.
 */
final class DdiParser {

    private final JsonProvider json;

    DdiParser(JsonProvider json) {
        this.json = json;
    }

    Ddi.Base base(String body) {
        JsonObject root = object(body, "the base resource");
        JsonObject links = root.containsKey("_links") ? object(root, "_links") : JsonValue.EMPTY_JSON_OBJECT;
        String sleep = string(object(object(root, "config"), "polling"), "sleep");
        return new Ddi.Base(
                duration(sleep), link(links, "deploymentBase"), link(links, "cancelAction"), link(links, "configData"));
    }

    Ddi.Deployment deployment(String body) {
        JsonObject root = object(body, "the deployment");
        JsonObject deployment = object(root, "deployment");
        List<Ddi.Chunk> chunks = new ArrayList<>();
        for (JsonValue value : array(deployment, "chunks")) {
            JsonObject chunk = asObject(value, "chunks[]");
            List<Ddi.Artifact> artifacts = new ArrayList<>();
            if (chunk.containsKey("artifacts")) {
                for (JsonValue a : array(chunk, "artifacts")) {
                    artifacts.add(artifact(asObject(a, "artifacts[]")));
                }
            }
            chunks.add(new Ddi.Chunk(string(chunk, "name"), string(chunk, "version"), artifacts));
        }
        Boolean window = deployment.containsKey("maintenanceWindow")
                ? "available".equals(string(deployment, "maintenanceWindow"))
                : null;
        return new Ddi.Deployment(
                id(root),
                Ddi.Handling.of(string(deployment, "download")),
                Ddi.Handling.of(string(deployment, "update")),
                window,
                chunks);
    }

    Ddi.Cancel cancel(String body) {
        JsonObject root = object(body, "the cancel action");
        JsonValue stopId = object(root, "cancelAction").get("stopId");
        return new Ddi.Cancel(id(root), stopId == null ? id(root) : text(stopId, "stopId"));
    }

    private Ddi.Artifact artifact(JsonObject a) {
        JsonObject hashes = object(a, "hashes");
        JsonObject links = object(a, "_links");
        // https where the server offers it; the plain link is only taken when plain HTTP is allowed
        URI download = link(links, "download");
        return new Ddi.Artifact(
                string(a, "filename"),
                number(a, "size"),
                string(hashes, "sha256"),
                hashes.getString("sha1", ""),
                hashes.getString("md5", ""),
                download != null ? download : link(links, "download-http"));
    }

    private JsonObject object(String body, String what) {
        try (var reader = json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new DdiException(what + " is not a JSON object: " + e.getMessage());
        }
    }

    private static JsonObject object(JsonObject parent, String name) {
        return asObject(required(parent, name), name);
    }

    private static JsonObject asObject(JsonValue value, String name) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new DdiException("'" + name + "' is not an object");
        }
        return value.asJsonObject();
    }

    private static List<JsonValue> array(JsonObject parent, String name) {
        JsonValue value = required(parent, name);
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new DdiException("'" + name + "' is not an array");
        }
        return value.asJsonArray();
    }

    private static String string(JsonObject parent, String name) {
        return text(required(parent, name), name);
    }

    private static String text(JsonValue value, String name) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        throw new DdiException("'" + name + "' is not a string");
    }

    private static long number(JsonObject parent, String name) {
        if (required(parent, name) instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new DdiException("'" + name + "' is not a size");
    }

    private static JsonValue required(JsonObject parent, String name) {
        JsonValue value = parent.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new DdiException("'" + name + "' is missing");
        }
        return value;
    }

    private static String id(JsonObject root) {
        return text(required(root, "id"), "id");
    }

    private static URI link(JsonObject links, String name) {
        if (!links.containsKey(name)) {
            return null;
        }
        String href = string(object(links, name), "href");
        try {
            return URI.create(href);
        } catch (IllegalArgumentException e) {
            throw new DdiException("the link '" + name + "' is not a URI: " + e.getMessage());
        }
    }

    /** {@code HH:MM:SS}, as the server writes {@code config.polling.sleep}. */
    static Duration duration(String hms) {
        String[] parts = hms.split(":");
        try {
            if (parts.length == 3) {
                return Duration.ofHours(Long.parseLong(parts[0]))
                        .plusMinutes(Long.parseLong(parts[1]))
                        .plusSeconds(Long.parseLong(parts[2]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DdiException("the polling sleep '" + hms + "' is not HH:MM:SS");
    }
}
