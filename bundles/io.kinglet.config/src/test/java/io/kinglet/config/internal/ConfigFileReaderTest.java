package io.kinglet.config.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileReaderTest {

    /** Framework properties and environment as the installer sees them, without touching the real ones. */
    private static final Map<String, String> VARIABLES = Map.of(
            "kinglet.state.dir", "/var/lib/kinglet",
            "env:KINGLET_SITE", "depot-7");

    private final ConfigFileReader reader = new ConfigFileReader(VARIABLES::get);

    @TempDir
    Path dir;

    // --- .cfg: FileInstall's typed properties ---------------------------------------------------

    @Test
    void untypedCfgValuesAreStrings() throws Exception {
        Map<String, Object> values = read("a.cfg", """
                # comment
                port = 8080
                enabled = true
                name = kiosk screen
                """);

        assertEquals(Map.of("port", "8080", "enabled", "true", "name", "kiosk screen"), values);
    }

    @Test
    void typedCfgValuesKeepTheirTypes() throws Exception {
        Map<String, Object> values = read("a.cfg", """
                port = I"8080"
                timeout = L"5000000000"
                ratio = D"1.5"
                enabled = B"true"
                name = "kiosk"
                hosts = ["a", "b"]
                ports = I["1", "2"]
                """);

        assertEquals(8080, values.get("port"));
        assertEquals(5_000_000_000L, values.get("timeout"));
        assertEquals(1.5d, values.get("ratio"));
        assertEquals(Boolean.TRUE, values.get("enabled"));
        assertEquals("kiosk", values.get("name"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) values.get("hosts"));
        assertArrayEquals(new Integer[] {1, 2}, (Integer[]) values.get("ports"));
    }

    /** FileInstall's rule: one untyped value makes the whole file untyped, so the type markers stay text. */
    @Test
    void cfgMixingTypedAndUntypedValuesIsReadAsPlainText() throws Exception {
        Map<String, Object> values = read("a.cfg", """
                port = I"8080"
                name = kiosk
                """);

        assertEquals("I\"8080\"", values.get("port"));
        assertEquals("kiosk", values.get("name"));
    }

    @Test
    void cfgVariableIsSubstitutedFromTheVariables() throws Exception {
        Map<String, Object> values = read("a.cfg", "dir = ${kinglet.state.dir}/queue\n");

        assertEquals("/var/lib/kinglet/queue", values.get("dir"));
    }

    @Test
    void cfgUnknownVariableTakesItsDefault() throws Exception {
        Map<String, Object> values = read("a.cfg", "host = ${kinglet.mqtt.host:-127.0.0.1}\n");

        assertEquals("127.0.0.1", values.get("host"));
    }

    @Test
    void cfgEnvironmentVariableIsAskedForByItsEnvPrefixedName() throws Exception {
        Map<String, Object> values = read("a.cfg", "site = ${env:KINGLET_SITE}\n");

        assertEquals("depot-7", values.get("site"));
    }

    @Test
    void cfgReferenceToAnotherPropertyOfTheSameFileIsSubstituted() throws Exception {
        Map<String, Object> values = read("a.cfg", """
                base = /srv
                dir = ${base}/frames
                """);

        assertEquals("/srv/frames", values.get("dir"));
    }

    // --- .config: one JSON object ---------------------------------------------------------------

    @Test
    void jsonValuesKeepTheirJsonTypes() throws Exception {
        Map<String, Object> values = read("a.config", """
                {
                  "port": 8080,
                  "ratio": 1.5,
                  "enabled": true,
                  "name": "kiosk",
                  "hosts": ["a", "b"]
                }
                """);

        assertEquals(8080L, values.get("port"));
        assertEquals(1.5d, values.get("ratio"));
        assertEquals(Boolean.TRUE, values.get("enabled"));
        assertEquals("kiosk", values.get("name"));
        assertEquals(List.of("a", "b"), values.get("hosts"));
    }

    @Test
    void jsonMayCarryCommentsLikeACfgFile() throws Exception {
        Map<String, Object> values = read("a.config", """
                // the kiosk's own port
                {
                  "port": 8080, /* not 80: no root */
                  "name": "kiosk"
                }
                """);

        assertEquals(8080L, values.get("port"));
        assertEquals("kiosk", values.get("name"));
    }

    @Test
    void jsonStringsAndArrayElementsHaveVariablesSubstituted() throws Exception {
        Map<String, Object> values = read("a.config", """
                {
                  "dir": "${kinglet.state.dir}/queue",
                  "site": "${env:KINGLET_SITE}",
                  "host": "${kinglet.mqtt.host:-127.0.0.1}",
                  "tags": ["${env:KINGLET_SITE}", "fixed"]
                }
                """);

        assertEquals("/var/lib/kinglet/queue", values.get("dir"));
        assertEquals("depot-7", values.get("site"));
        assertEquals("127.0.0.1", values.get("host"));
        assertEquals(List.of("depot-7", "fixed"), values.get("tags"));
    }

    @Test
    void truncatedJsonIsRefusedAsTruncated() throws Exception {
        ConfigRefusedException refused = refused("a.config", "{ \"port\": 8080,\n  \"name\": \"kio");

        assertNull(refused.property());
        assertTrue(refused.getMessage().contains("truncated"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"a\", \"b\"]", "port = 8080", "\"kiosk\""})
    void jsonThatIsNotAnObjectIsRefused(String text) throws Exception {
        ConfigRefusedException refused = refused("a.config", text);

        assertNull(refused.property());
        assertTrue(refused.getMessage().startsWith("malformed JSON"), refused.getMessage());
    }

    /**
     * Broken JSON that a lenient parser turns into an empty, partial or merged map (e.g.
     * {"hosts": ["a" "b"]} as the one host {@code a" "b}), which would apply with properties
     * missing or wrong: every one is refused.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"ports\": [80 443]}",
                "{\"hosts\": [\"a\",, \"b\"]}",
                "{\"hosts\": [\"a\", \"b\"]]}",
                "{\"hosts\": [\"a\", \"b\"],}",
                "{\"port\": 8080, \"hosts\": [\"a\", \"b\"}",
                "{\"port\": 8080, \"name\": \"kiosk}",
                "{\"hosts\": [\"a\" \"b\"]}",
                "{\"name\": \"kiosk\" \"port\": \"8080\"}",
                "{\"flags\": [true false]}",
                "{\"port\": 8080, \"enabled\": tru}"
            })
    void brokenJsonIsRefusedRatherThanPartlyApplied(String text) throws Exception {
        ConfigRefusedException refused = refused("a.config", text);

        assertTrue(refused.getMessage().startsWith("malformed JSON"), refused.getMessage());
    }

    @Test
    void nestedJsonObjectIsRefusedNamingTheProperty() throws Exception {
        ConfigRefusedException refused = refused("a.config", "{\"port\": 8080, \"tls\": {\"enabled\": true}}");

        assertEquals("tls", refused.property());
        assertTrue(refused.describe().startsWith("property 'tls': nested JSON objects"), refused.describe());
    }

    @Test
    void jsonNullIsRefusedNamingTheProperty() throws Exception {
        ConfigRefusedException refused = refused("a.config", "{\"port\": 8080, \"host\": null}");

        assertEquals("host", refused.property());
        assertTrue(refused.getMessage().contains("null"), refused.getMessage());
    }

    @Test
    void missingFileIsRefusedAsUnreadable() {
        ConfigRefusedException refused = assertThrows(
                ConfigRefusedException.class,
                () -> reader.read(dir.resolve("gone.config").toFile()));

        assertTrue(refused.getMessage().startsWith("cannot be read"), refused.getMessage());
    }

    private Map<String, Object> read(String name, String text) throws IOException, ConfigRefusedException {
        return reader.read(write(name, text));
    }

    private ConfigRefusedException refused(String name, String text) throws IOException {
        File file = write(name, text);
        return assertThrows(ConfigRefusedException.class, () -> reader.read(file));
    }

    private File write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toFile();
    }
}
