package io.kinglet.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinglet.boot.OtaLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class RuntimeDefinitionTest {

    @Test
    void startLevelsTakeTheFirstMatchingPatternAndTheFrameworkStartsUpToTheHighest() throws IOException {
        RuntimeDefinition runtime = parse("""
                -runbundles+: \\
                    org.objectweb.asm*;startlevel=1,\\
                    slf4j.simple;startlevel=2,\\
                    org.apache.felix.fileinstall ; startlevel=5,\\
                    *;startlevel=4
                """);

        assertEquals(1, runtime.startLevel("org.objectweb.asm.tree"));
        assertEquals(2, runtime.startLevel("slf4j.simple"));
        assertEquals(4, runtime.startLevel("slf4j.simple.extra"));
        assertEquals(5, runtime.startLevel("org.apache.felix.fileinstall"));
        assertEquals(5, runtime.finalStartLevel());
    }

    @Test
    void aDefinitionThatLeavesABundleWithoutALevelIsRefused() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> parse("-runbundles+: slf4j.simple;startlevel=2\n"));
        assertEquals(
                "-runbundles+ in runtime.bnd must give every bundle a start level (end with *;startlevel=N)",
                e.getMessage());
    }

    /** cnf/runtime.bnd exports io.kinglet.boot at the version its package-info.java declares. */
    @Test
    void theSystemBundleExportsTheBootContractAtItsOwnVersion() throws IOException, URISyntaxException {
        Path boot = Path.of(OtaLayout.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Manifest manifest;
        if (Files.isDirectory(boot)) {
            try (InputStream in = Files.newInputStream(boot.resolve(JarFile.MANIFEST_NAME))) {
                manifest = new Manifest(in);
            }
        } else {
            try (JarFile jar = new JarFile(boot.toFile())) {
                manifest = jar.getManifest();
            }
        }

        assertEquals(
                version(manifest.getMainAttributes().getValue("Export-Package")),
                version(RuntimeDefinition.load().systemPackages()));
    }

    private static String version(String header) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("io\\.kinglet\\.boot;.*version=\"?([0-9.]+)")
                .matcher(header);
        return m.find() ? m.group(1) : "none in " + header;
    }

    private static RuntimeDefinition parse(String text) throws IOException {
        return RuntimeDefinition.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
