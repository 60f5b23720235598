package io.kinglet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentManifestTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void aMissingManifestIsTheEmptyOne() throws IOException {
        assertEquals(DeploymentManifest.EMPTY, DeploymentManifest.read(dir.resolve("committed.properties")));
    }

    @Test
    void writesAndReadsBackTheSameSet() throws IOException {
        DeploymentManifest manifest = DeploymentManifest.EMPTY.with(
                "d1", List.of(new DeploymentManifest.Artifact("io.kinglet.demo", "1.1.0", SHA_A)));
        Path file = dir.resolve("committed.properties");

        manifest.write(file);

        assertEquals(manifest, DeploymentManifest.read(file));
        assertFalse(Files.exists(dir.resolve("committed.properties" + AtomicFiles.TEMP_SUFFIX)));
        assertEquals(
                "kinglet:ota/" + SHA_A,
                manifest.bundles().get("io.kinglet.demo").location());
    }

    @Test
    void aLaterDeploymentReplacesTheBundlesItNamesAndKeepsTheOthers() {
        DeploymentManifest first = DeploymentManifest.EMPTY.with(
                "d1",
                List.of(
                        new DeploymentManifest.Artifact("a", "1.0.0", SHA_A),
                        new DeploymentManifest.Artifact("b", "1.0.0", SHA_A)));

        DeploymentManifest second = first.with("d2", List.of(new DeploymentManifest.Artifact("b", "2.0.0", SHA_B)));

        assertEquals("d2", second.deployment());
        assertEquals("1.0.0", second.bundles().get("a").version());
        assertEquals(SHA_B, second.bundles().get("b").sha256());
    }

    @Test
    void aLeftoverTemporaryFileFromACrashedWriteIsNeverRead() throws IOException {
        Path file = dir.resolve("committed.properties");
        DeploymentManifest.EMPTY
                .with("d1", List.of(new DeploymentManifest.Artifact("a", "1.0.0", SHA_A)))
                .write(file);
        Files.writeString(dir.resolve("committed.properties" + AtomicFiles.TEMP_SUFFIX), "deployment=d2\nbundle.a=2.0");

        assertEquals("d1", DeploymentManifest.read(file).deployment());
    }

    @Test
    void aDamagedLineIsAnErrorNamingFileAndKey() throws IOException {
        Path file = dir.resolve("committed.properties");
        Files.writeString(file, "deployment=d1\nbundle.a=1.0.0 not-a-hash\n");

        IOException e = assertThrows(IOException.class, () -> DeploymentManifest.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("bundle.a"), e.getMessage());
    }

    /** Random bytes in place of the committed manifest are damage, never "no update": Kura's vanishing packages. */
    @Test
    void randomBytesAreADamagedManifestNotAnEmptyOne() throws IOException {
        Path file = dir.resolve("committed.properties");
        byte[] noise = new byte[300];
        new java.util.Random(7).nextBytes(noise);
        Files.write(file, noise);

        DamagedFileException e = assertThrows(DamagedFileException.class, () -> DeploymentManifest.read(file));
        assertEquals(file, e.file());
    }

    @Test
    void aManifestChangedAfterItWasWrittenFailsItsChecksum() throws IOException {
        Path file = dir.resolve("committed.properties");
        DeploymentManifest.EMPTY
                .with("d1", List.of(new DeploymentManifest.Artifact("a", "1.0.0", SHA_A)))
                .write(file);
        Files.writeString(file, Files.readString(file).replace("1.0.0", "9.0.0"));

        DamagedFileException e = assertThrows(DamagedFileException.class, () -> DeploymentManifest.read(file));
        assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
    }

    @Test
    void aManifestWrittenBeforeChecksumsIsStillReadWhenWellFormed() throws IOException {
        Path file = dir.resolve("committed.properties");
        Files.writeString(file, "# Kinglet deployment manifest\ndeployment=d3\nbundle.a=1.2.0 " + SHA_A + "\n");

        assertEquals("1.2.0", DeploymentManifest.read(file).bundles().get("a").version());
    }
}
