package io.kinglet.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultProfileWorksWithoutRootAndBindsLoopback() throws IOException {
        Map<String, String> p = load(new String[] {"--config", dir.toString()}, new Properties());

        assertEquals("default", p.get("kinglet.profile"));
        assertEquals("127.0.0.1", p.get("org.apache.felix.http.host"));
        assertEquals("8080", p.get("org.osgi.service.http.port"));
        assertEquals(Path.of("state").toAbsolutePath().toString(), p.get("kinglet.state.dir"));
        assertEquals(dir.toString(), p.get("felix.fileinstall.dir"));
        assertEquals(Path.of("state", "framework").toAbsolutePath().toString(), p.get("org.osgi.framework.storage"));
    }

    @Test
    void deviceProfileUsesTheSystemDirectories() throws IOException {
        Map<String, String> p =
                load(new String[] {"--profile", "device", "--config", dir.toString()}, new Properties());

        assertEquals("/var/lib/kinglet", p.get("kinglet.state.dir"));
        assertEquals("0.0.0.0", p.get("org.apache.felix.http.host"));
    }

    @Test
    void thePropertiesFileOverridesDefaultsAndSystemPropertiesOverrideTheFile() throws IOException {
        Files.writeString(
                dir.resolve("kinglet.properties"), "org.osgi.service.http.port = 9000\nkinglet.log.level = debug\n");
        Properties system = new Properties();
        system.setProperty("kinglet.log.level", "warn");
        system.setProperty("user.home", "/not/a/framework/property");

        Map<String, String> p = load(new String[] {"--config", dir.toString()}, system);

        assertEquals("9000", p.get("org.osgi.service.http.port"));
        assertEquals("warn", p.get("kinglet.log.level"));
        assertTrue(!p.containsKey("user.home"));
    }

    @Test
    void theStateOptionWinsOverTheFile() throws IOException {
        Files.writeString(dir.resolve("kinglet.properties"), "kinglet.state.dir = /from/file\n");

        Map<String, String> p = load(
                new String[] {
                    "--config", dir.toString(), "--state", dir.resolve("s").toString()
                },
                new Properties());

        assertEquals(dir.resolve("s").toString(), p.get("kinglet.state.dir"));
    }

    @Test
    void withoutATerminalTheConsoleNeitherReadsNorStopsTheFramework() throws IOException {
        Map<String, String> p = load(new String[] {"--config", dir.toString()}, new Properties());

        assertEquals("--nointeractive --noshutdown", p.get("gosh.args"));
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() {
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class, () -> load(new String[] {"--colour", "red"}, new Properties()));
        assertTrue(unknown.getMessage().startsWith("unknown option '--colour'"));
        IllegalArgumentException profile = assertThrows(
                IllegalArgumentException.class,
                () -> load(new String[] {"--profile", "lab", "--config", dir.toString()}, new Properties()));
        assertEquals("unknown profile 'lab' (known: default, device)", profile.getMessage());
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> load(new String[] {"--state"}, new Properties()));
        assertEquals("option --state needs a value", missing.getMessage());
    }

    private static Map<String, String> load(String[] args, Properties system) throws IOException {
        return LauncherSettings.load(args, system, Map.of()).frameworkProperties(RuntimeDefinition.load());
    }
}
