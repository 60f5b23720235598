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
    String json(JsonProvider json, OtaDeployments ota) throws IOException {
        JsonObjectBuilder data = json.createObjectBuilder();
        now(ota).forEach(data::add);
        return json.createObjectBuilder()
                .add("mode", "merge")
                .add("data", data)
                .build()
                .toString();
    }

    String describe(OtaDeployments ota) throws IOException {
        return String.join(
                ", ",
                now(ota).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
    }
}
