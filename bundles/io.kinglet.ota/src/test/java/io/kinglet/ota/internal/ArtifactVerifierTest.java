package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactVerifierTest {

    @TempDir
    Path dir;

    @Test
    void aCapabilitysHealthTagsComeFromItsHeaderElseTheLastSegmentOfItsName() {
        assertEquals(List.of("telemetry"), ArtifactVerifier.healthTags("io.kinglet.telemetry", null));
        assertEquals(List.of("led", "display"), ArtifactVerifier.healthTags("io.kinglet.led", " led , display "));
    }

    @Test
    void withoutTrustedCertificatesEveryArtifactIsRefusedSayingWhy() throws IOException {
        Path jar = bundle("io.kinglet.x", "1.0.0");

        Refusal refusal = assertThrows(
                Refusal.class,
                () -> new ArtifactVerifier(List.of())
                        .verify(new ArtifactStore.Received(jar, "0".repeat(64), Files.size(jar))));

        assertEquals(422, refusal.status());
        assertTrue(refusal.getMessage().contains("trustedCertificates"), refusal.getMessage());
    }

    private Path bundle(String bsn, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", bsn);
        main.putValue("Bundle-Version", version);
        Path jar = dir.resolve(bsn + ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.flush();
        }
        return jar;
    }
}
