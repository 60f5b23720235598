package io.kinglet.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedFilesTest {

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBack() throws IOException {
        Path file = dir.resolve("d1.json");
        byte[] content = "{\"id\":\"d1\"}".getBytes(StandardCharsets.UTF_8);

        CheckedFiles.write(file, content);

        assertArrayEquals(content, CheckedFiles.read(file, CheckedFiles.Legacy.REFUSE));
    }

    /** A truncated file (a card that lost its last sectors) is reported, with the file's name. */
    @Test
    void aTruncatedFileIsDamaged() throws IOException {
        Path file = dir.resolve("d1.json");
        CheckedFiles.write(file, "{\"id\":\"d1\",\"state\":\"committed\"}".getBytes(StandardCharsets.UTF_8));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 5);
        }

        DamagedFileException e =
                assertThrows(DamagedFileException.class, () -> CheckedFiles.read(file, CheckedFiles.Legacy.REFUSE));
        assertTrue(
                e.getMessage().startsWith(file + " is damaged: its content does not match its checksum"),
                e.getMessage());
    }

    @Test
    void aFileWithoutItsChecksumLineGoesToTheLegacyReader() throws IOException {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{}");

        assertThrows(DamagedFileException.class, () -> CheckedFiles.read(file, CheckedFiles.Legacy.REFUSE));
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), CheckedFiles.read(file, (f, bytes) -> bytes));
    }

    @Test
    void aDamagedFileIsKeptAsideUnderANameThatSaysSoAndListed() throws IOException {
        Path file = dir.resolve("committed.properties");
        Files.writeString(file, "garbage");

        Path aside =
                CheckedFiles.quarantine(file, Clock.fixed(Instant.parse("2026-11-30T20:00:01.5Z"), ZoneOffset.UTC));

        assertEquals(dir.resolve("committed.properties.damaged-20261130T200001.500Z"), aside);
        assertFalse(Files.exists(file));
        assertEquals("garbage", Files.readString(aside));
        assertEquals(List.of(aside), CheckedFiles.quarantined(dir));
    }
}
