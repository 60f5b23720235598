package io.kinglet.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much room the state directory has, said the same way by every store that refuses work when it
 * is full: {@code disk full: 412 KiB free in /var/lib/kinglet}.
 */
public final class FreeSpace {

    private FreeSpace() {}

    /** Usable bytes on the file system that holds {@code path} (or its nearest existing parent). */
    public static long usable(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("no existing folder above " + path);
        }
        return Files.getFileStore(existing).getUsableSpace();
    }

    /** True when an I/O error says the file system is full (Linux ENOSPC, or the quota's EDQUOT). */
    public static boolean isDiskFull(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code disk full: <free> free in <dir>}, the free space read now. */
    public static String diskFull(Path dir) {
        try {
            return "disk full: " + bytes(usable(dir)) + " free in " + dir.toAbsolutePath();
        } catch (IOException e) {
            return "disk full in " + dir.toAbsolutePath() + " (free space unknown: " + e.getMessage() + ")";
        }
    }

    /** A size as people read it: {@code 0 B}, {@code 512 B}, {@code 412 KiB}, {@code 3.2 MiB}, {@code 1.5 GiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return (n / 1024) + " KiB";
        }
        double mib = n / (1024.0 * 1024);
        return mib < 1024
                ? String.format(Locale.ROOT, "%.1f MiB", mib)
                : String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
    }
}
