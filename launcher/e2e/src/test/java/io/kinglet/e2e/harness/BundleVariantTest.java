package io.kinglet.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinglet.e2e.BundleVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleVariantTest {

    @TempDir
    Path dir;

    @Test
    void variantHasTheEditedHeadersAndEverythingElseUnchanged() throws IOException {
        Path base = TestJars.demo();
        Path variant = BundleVariant.of(base)
                .header("Bundle-Version", "2.0.0")
                .header("Bundle-SymbolicName", "io.kinglet.demo2")
                .header("Demo-Health", "fail")
                .removeHeader("Bundle-Description")
                .writeTo(dir.resolve("variant.jar"));

        Attributes before = mainAttributes(base);
        Attributes after = mainAttributes(variant);
        assertThat(before.getValue("Bundle-Version")).isEqualTo("1.0.0");
        assertThat(after.getValue("Bundle-Version")).isEqualTo("2.0.0");
        assertThat(after.getValue("Bundle-SymbolicName")).isEqualTo("io.kinglet.demo2");
        assertThat(after.getValue("Demo-Health")).isEqualTo("fail");
        assertThat(after.getValue("Bundle-Description")).isNull();
        assertThat(after.getValue("Import-Package")).isEqualTo(before.getValue("Import-Package"));
        assertThat(after.getValue("Service-Component")).isEqualTo(before.getValue("Service-Component"));

        Map<String, byte[]> baseEntries = entries(base);
        Map<String, byte[]> variantEntries = entries(variant);
        baseEntries.remove(JarFile.MANIFEST_NAME);
        variantEntries.remove(JarFile.MANIFEST_NAME);
        assertThat(variantEntries).containsOnlyKeys(baseEntries.keySet());
        baseEntries.forEach(
                (name, bytes) -> assertThat(variantEntries.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void manifestIsTheFirstEntry() throws IOException {
        Path variant = BundleVariant.of(TestJars.demo())
                .header("Bundle-Version", "1.0.1")
                .writeTo(dir.resolve("v.jar"));

        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(variant))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo(JarFile.MANIFEST_NAME);
        }
    }

    @Test
    void truncatedJarIsNoZip() throws IOException {
        Path cut = BundleVariant.truncate(TestJars.demo(), dir.resolve("cut.jar"), 200);

        assertThat(Files.size(cut)).isEqualTo(200);
        assertThatThrownBy(() -> new JarFile(cut.toFile()).close()).isInstanceOf(ZipException.class);
    }

    private static Attributes mainAttributes(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes();
        }
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                entries.put(entry.getName(), TestJars.read(file, entry));
            }
        }
        return entries;
    }
}
