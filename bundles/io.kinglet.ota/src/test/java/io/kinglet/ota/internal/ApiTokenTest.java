package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {

    @TempDir
    Path dir;

    @Test
    void aConfiguredTokenIsTheOnlyOneAccepted() throws IOException {
        ApiToken token = ApiToken.resolve("s3cret", dir.resolve("token"));

        assertTrue(token.matches("Bearer s3cret"));
        assertTrue(token.matches("bearer s3cret"));
        assertFalse(token.matches("Bearer s3cre"));
        assertFalse(token.matches("s3cret"));
        assertFalse(token.matches(null));
        assertFalse(Files.exists(dir.resolve("token")));
    }

    @Test
    void withoutOneARandomTokenIsGeneratedOnceIntoAPrivateFile() throws IOException {
        Path file = dir.resolve("token");
        ApiToken first = ApiToken.resolve("", file);
        String generated = Files.readString(file).strip();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(generated.length() >= 40);
        assertTrue(first.matches("Bearer " + generated));
        assertTrue(ApiToken.resolve("", file).matches("Bearer " + generated));
    }

    @Test
    void aDamagedTokenFileIsKeptAsideAndANewTokenGenerated() throws IOException {
        Path file = dir.resolve("token");
        Files.write(file, new byte[] {0x01, (byte) 0xff, 0x00, 0x0a});

        ApiToken token = ApiToken.resolve("", file);

        String generated = Files.readString(file).strip();
        assertTrue(generated.length() >= 40, generated);
        assertTrue(token.matches("Bearer " + generated));
        assertEquals(1, io.kinglet.boot.CheckedFiles.quarantined(dir).size());
    }
}
