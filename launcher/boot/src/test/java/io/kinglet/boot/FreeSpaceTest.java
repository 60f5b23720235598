package io.kinglet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeSpaceTest {

    @TempDir
    Path dir;

    @Test
    void sizesReadAsPeopleSayThem() {
        assertEquals("0 B", FreeSpace.bytes(0));
        assertEquals("1023 B", FreeSpace.bytes(1023));
        assertEquals("412 KiB", FreeSpace.bytes(412 * 1024 + 100));
        assertEquals("3.2 MiB", FreeSpace.bytes(3_355_443));
        assertEquals("1.5 GiB", FreeSpace.bytes(1_610_612_736L));
    }

    @Test
    void theFullDiskMessageNamesTheFolderAndItsFreeSpace() {
        String message = FreeSpace.diskFull(dir.resolve("not/yet/there"));

        assertTrue(message.startsWith("disk full: "), message);
        assertTrue(message.endsWith(" free in " + dir.resolve("not/yet/there")), message);
    }

    @Test
    void aFullDiskIsToldFromOtherErrorsThroughCauses() {
        assertTrue(FreeSpace.isDiskFull(new IOException("write", new IOException("No space left on device"))));
        assertFalse(FreeSpace.isDiskFull(new IOException("Permission denied")));
    }
}
