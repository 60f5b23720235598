package io.kinglet.boot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that must survive a power cut whole: a reader sees the old content or the new, never a mix.
 */
public final class AtomicFiles {

    /** Suffix of the temporary file a write goes through; a leftover one is never read. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {}

    /** Write-temp, fsync, atomic rename, then fsync the directory so the rename itself is durable. */
    public static void write(Path file, byte[] content) throws IOException {
        rename(stage(file, content), file);
    }

    /**
     * The first half of {@link #write}: the content in {@code file}'s temporary file, synced to disk,
     * which {@link #rename rename(temp, file)} then puts in place. Between the two, a crash leaves
     * {@code file} as it was.
     */
    public static Path stage(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + TEMP_SUFFIX);
        try (FileChannel out = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(content));
            out.force(true);
        }
        return tmp;
    }

    /** Deletes a file and makes the deletion durable. */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    /** Renames a file atomically and durably. */
    public static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(to.toAbsolutePath().getParent());
    }

    /** A directory entry (a rename, a new file) is only on disk once the directory is synced. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
