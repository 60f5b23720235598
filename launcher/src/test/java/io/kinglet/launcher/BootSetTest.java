package io.kinglet.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

class BootSetTest {

    private static final Properties LEVELS = new Properties();
    static {
        LEVELS.setProperty("org.objectweb.asm*", "1");
        LEVELS.setProperty("slf4j.simple", "2");
    }

    @Test
    void startLevelsMatchExactNamesAndPrefixesElseTheDefault() {
        assertEquals(1, BootSet.startLevel("org.objectweb.asm.tree", LEVELS));
        assertEquals(2, BootSet.startLevel("slf4j.simple", LEVELS));
        assertEquals(BootSet.DEFAULT_START_LEVEL, BootSet.startLevel("slf4j.simple.extra", LEVELS));
    }

    @Test
    void describesABundleByNameHashAndWhetherItIsAFragment() throws IOException {
        byte[] jar = jar("io.kinglet.x;singleton:=true", null);

        BootSet.Entry entry = BootSet.describe("bundles/x.jar", jar, LEVELS);

        assertEquals("io.kinglet.x", entry.symbolicName());
        assertEquals("kinglet:boot/io.kinglet.x", entry.location());
        assertEquals(BootSet.sha256(jar), entry.sha256());
        assertFalse(entry.fragment());
        assertTrue(BootSet.describe("bundles/f.jar", jar("io.kinglet.f", "io.kinglet.x"), LEVELS).fragment());
    }

    @Test
    void aJarWithoutOsgiHeadersIsRefusedByName() throws IOException {
        byte[] plain = jar(null, null);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BootSet.describe("bundles/plain.jar", plain, LEVELS));
        assertEquals("bundles/plain.jar is not an OSGi bundle (no Bundle-SymbolicName)", e.getMessage());
    }

    @Test
    void theHashChangesWithTheContent() throws IOException {
        assertFalse(BootSet.sha256(jar("a", null)).equals(BootSet.sha256(jar("b", null))));
    }

    private static byte[] jar(String bsn, String host) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        }
        if (host != null) {
            manifest.getMainAttributes().putValue("Fragment-Host", host);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return out.toByteArray();
    }
}
