package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.boot.OtaLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

    @TempDir
    Path state;

    @Test
    void anUploadIsHashedKeptUnderItsHashAndTheIncomingCopyGoes() throws Exception {
        OtaLayout layout = OtaLayout.under(state);
        ArtifactStore store = new ArtifactStore(layout);
        byte[] content = "bundle bytes".getBytes();

        ArtifactStore.Received received = store.receive(new ByteArrayInputStream(content), 1024);
        Path kept = store.keep(received);

        String sha = HexFormat.of().formatHex(ArtifactStore.sha256().digest(content));
        assertEquals(sha, received.sha256());
        assertEquals(layout.artifact(sha), kept);
        assertFalse(Files.exists(received.file()));
        assertEquals(0, store.clearIncoming());
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413AndLeavesNothing() throws Exception {
        ArtifactStore store = new ArtifactStore(OtaLayout.under(state));

        Refusal refusal =
                assertThrows(Refusal.class, () -> store.receive(new ByteArrayInputStream(new byte[2048]), 1024));

        assertEquals(413, refusal.status());
        assertTrue(refusal.getMessage().contains("1024 bytes"), refusal.getMessage());
        assertEquals(0, store.clearIncoming());
    }

    @Test
    void anEmptyUploadIsABadRequest() throws IOException {
        ArtifactStore store = new ArtifactStore(OtaLayout.under(state));

        assertEquals(
                400,
                assertThrows(Refusal.class, () -> store.receive(new ByteArrayInputStream(new byte[0]), 1024))
                        .status());
    }

    @Test
    void onlyReferencedArtifactsStay() throws Exception {
        OtaLayout layout = OtaLayout.under(state);
        ArtifactStore store = new ArtifactStore(layout);
        ArtifactStore.Received kept = store.receive(new ByteArrayInputStream("a".getBytes()), 10);
        ArtifactStore.Received other = store.receive(new ByteArrayInputStream("b".getBytes()), 10);
        store.keep(kept);
        store.keep(other);

        store.retainOnly(Set.of(kept.sha256()));

        assertTrue(Files.exists(layout.artifact(kept.sha256())));
        assertFalse(Files.exists(layout.artifact(other.sha256())));
    }
}
