package io.kinglet.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class BootSetTest {

    private static final RuntimeDefinition LEVELS =
            new RuntimeDefinition("", java.util.List.of(new RuntimeDefinition.StartLevelRule("*", 4)));

    @Test
    void describesABundleByNameFingerprintAndWhetherItIsAFragment() throws IOException {
        BootSet.Entry entry = BootSet.describe(
                "bundles/x.jar", stream(jar("io.kinglet.x;singleton:=true", null)), "1a2b-300", LEVELS);

        assertEquals("io.kinglet.x", entry.symbolicName());
        assertEquals("kinglet:boot/io.kinglet.x", entry.location());
        assertEquals("1a2b-300", entry.fingerprint());
        assertFalse(entry.fragment());
        assertTrue(BootSet.describe("bundles/f.jar", stream(jar("io.kinglet.f", "io.kinglet.x")), "0-1", LEVELS)
                .fragment());
    }

    @Test
    void aJarWithoutOsgiHeadersIsRefusedByName() throws IOException {
        byte[] plain = jar(null, null);

        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> BootSet.describe("bundles/plain.jar", stream(plain), "0-1", LEVELS));
        assertEquals("bundles/plain.jar is not an OSGi bundle (no Bundle-SymbolicName)", e.getMessage());
    }

    @Test
    void theFingerprintChangesWithTheContent() throws IOException {
        assertFalse(BootSet.fingerprint(entry(jar("a", null))).equals(BootSet.fingerprint(entry(jar("b", null)))));
        assertEquals(BootSet.fingerprint(entry(jar("a", null))), BootSet.fingerprint(entry(jar("a", null))));
    }

    private static java.io.InputStream stream(byte[] bytes) {
        return new java.io.ByteArrayInputStream(bytes);
    }

    /** The entry a jar gets inside kinglet.jar, with its CRC and size as the zip directory records them. */
    private static java.util.jar.JarEntry entry(byte[] content) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        java.util.jar.JarEntry entry = new java.util.jar.JarEntry("bundles/x.jar");
        entry.setCrc(crc.getValue());
        entry.setSize(content.length);
        return entry;
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
