package io.kinglet.ota.internal;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.CheckedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of the OTA API: the configured one, or one generated once into a file only the
 * runtime's user can read, so no device ever ships with a known token. It is never logged.
 */
final class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    private ApiToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    static ApiToken resolve(String configured, Path file) throws IOException {
        if (!configured.isBlank()) {
            return new ApiToken(configured.strip());
        }
        if (Files.isRegularFile(file)) {
            String stored = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
            if (stored.matches("\\p{Graph}{16,}")) {
                return new ApiToken(stored);
            }
            // a token file no client could have been given (empty, cut short, binary): a new one
            Path aside = CheckedFiles.quarantine(file);
            LOG.warn(
                    "OTA: the token file {} is damaged (not one line of at least 16 printable characters); kept as {}; "
                            + "a new token is generated: give it to the clients that push",
                    file,
                    aside.getFileName());
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + AtomicFiles.TEMP_SUFFIX);
        Files.deleteIfExists(tmp);
        // created private: the token is never readable by others, not even for an instant
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        AtomicFiles.rename(tmp, file);
        LOG.info("OTA: no token configured; generated one into {} (readable by this user only)", file);
        return new ApiToken(token);
    }

    /** Constant-time comparison of an {@code Authorization} header with {@code Bearer <token>}. */
    boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
