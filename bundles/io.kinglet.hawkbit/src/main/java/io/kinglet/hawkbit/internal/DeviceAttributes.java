package io.kinglet.hawkbit.internal;

import io.kinglet.ota.api.OtaDeployments;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server shows about the device (DDI {@code configData}): the Kinglet version and profile,
 * the committed OTA deployment, the Java runtime and the platform. Sent at first contact, whenever one
 * changes (a commit, an upgraded JDK), and when the server asks.
 */
final class DeviceAttributes {

    private final String version;
    private final String profile;

    DeviceAttributes(String version, String profile) {
        this.version = version == null ? "unknown" : version;
        this.profile = profile == null ? "unknown" : profile;
    }

    Map<String, String> now(OtaDeployments ota) throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("kinglet.version", version);
        attributes.put("kinglet.profile", profile);
        attributes.put("kinglet.deployment", ota.committed().orElse("none (the installed bundles)"));
        attributes.put("java.version", System.getProperty("java.version"));
        attributes.put("platform", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return attributes;
    }

    /** The {@code configData} body: {@code {"mode": "merge", "data": {...}}}. */
    static String json(JsonProvider json, Map<String, String> attributes) {
        JsonObjectBuilder data = json.createObjectBuilder();
        attributes.forEach(data::add);
        return json.createObjectBuilder()
                .add("mode", "merge")
                .add("data", data)
                .build()
                .toString();
    }

    static String describe(Map<String, String> attributes) {
        return String.join(
                ", ",
                attributes.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
    }
}
