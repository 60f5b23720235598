package io.kinglet.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * State files that know when they are damaged. A checked file is its content preceded by one line,
 * {@code # sha256:<hex of the content>}, written with {@link AtomicFiles#write} (a power cut leaves
 * the old file or the new one). Reading verifies the line: a file that is truncated, overwritten or
 * bit-rotten is reported as {@link DamagedFileException}, never half-believed. A damaged file is
 * {@linkplain #quarantine kept aside} under a name that says so, for an operator to look at, and the
 * owner carries on from what it still trusts, saying so in its log and its health check.
 */
public final class CheckedFiles {

    /** What a kept-aside file's name ends with, before its timestamp: {@code committed.properties.damaged-<time>}. */
    public static final String DAMAGED_SUFFIX = ".damaged-";

    private static final String HEADER = "# sha256:";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private CheckedFiles() {}

    /** Writes {@code content} under its checksum line, atomically and durably. */
    public static void write(Path file, byte[] content) throws IOException {
        AtomicFiles.write(file, withHeader(content));
    }

    /** As {@link #write}, but only staged (see {@link AtomicFiles#stage}); returns the temporary file. */
    public static Path stage(Path file, byte[] content) throws IOException {
        return AtomicFiles.stage(file, withHeader(content));
    }

    /**
     * The content of a checked file, verified. {@code legacy} is how a file written before checksums
     * existed (no header line) is read: it returns the content, or throws when it cannot be trusted.
     */
    public static byte[] read(Path file, Legacy legacy) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int newline = indexOf(bytes, (byte) '\n');
        String first =
                new String(bytes, 0, newline < 0 ? Math.min(bytes.length, 80) : newline, StandardCharsets.ISO_8859_1);
        if (!first.startsWith(HEADER)) {
            return legacy.accept(file, bytes);
        }
        byte[] content = Arrays.copyOfRange(bytes, newline < 0 ? bytes.length : newline + 1, bytes.length);
        String expected = first.substring(HEADER.length()).strip();
        String actual = sha256(content);
        if (!actual.equals(expected)) {
            throw new DamagedFileException(
                    file,
                    "its content does not match its checksum (" + content.length + " bytes, sha256 "
                            + actual.substring(0, 12) + "…, expected " + abbreviate(expected) + ")");
        }
        return content;
    }

    /** How to take a file that has no checksum line. */
    @FunctionalInterface
    public interface Legacy {
        byte[] accept(Path file, byte[] bytes) throws IOException;

        /** Every checked file has the line: one without it is damaged. */
        Legacy REFUSE = (file, bytes) -> {
            throw new DamagedFileException(file, "its checksum line is missing (" + bytes.length + " bytes)");
        };
    }

    /**
     * Moves a damaged file aside, as {@code <name>.damaged-<UTC time>} in the same folder, durably,
     * and returns where it went. Nothing is deleted: the operator decides.
     */
    public static Path quarantine(Path file) throws IOException {
        return quarantine(file, Clock.systemUTC());
    }

    static Path quarantine(Path file, Clock clock) throws IOException {
        Path aside = file.resolveSibling(file.getFileName()
                + DAMAGED_SUFFIX
                + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)));
        AtomicFiles.rename(file, aside);
        return aside;
    }

    /** The kept-aside damaged files in {@code dir}, oldest name first; none when it does not exist. */
    public static List<Path> quarantined(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(DAMAGED_SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    static byte[] withHeader(byte[] content) {
        byte[] header = (HEADER + sha256(content) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(header, header.length + content.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return all;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^0-9a-zA-Z]", "?");
        return printable.length() > 12 ? printable.substring(0, 12) + "…" : printable;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
