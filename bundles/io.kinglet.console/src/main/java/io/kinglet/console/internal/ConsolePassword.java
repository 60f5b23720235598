package io.kinglet.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The console's password: a PBKDF2 hash from the configuration, or else one generated at the first
 * start into {@code <state>/console/password} (mode 0600, like the OTA token) for the operator to
 * read. Never a default: Felix's admin/admin does not ship. Comparisons take the same time whatever
 * matches.
 */
final class ConsolePassword {

    static final String PREFIX = "{pbkdf2}";
    private static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The configured PBKDF2 hash; null for a generated password. */
    private final String hash;
    /** SHA-256 of the generated password; null for a configured hash. */
    private final byte[] secret;

    private final Path generated;

    private ConsolePassword(String hash, byte[] secret, Path generated) {
        this.hash = hash;
        this.secret = secret;
        this.generated = generated;
    }

    /** From the configured hash, or the generated file (made now when missing). */
    static ConsolePassword of(String configuredHash, Path file) throws IOException {
        if (!configuredHash.isBlank()) {
            parse(configuredHash.strip());
            return new ConsolePassword(configuredHash.strip(), null, null);
        }
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[15];
            RANDOM.nextBytes(secret);
            Path temp = Files.createTempFile(
                    file.getParent(),
                    "password",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IOException(file + " is empty; delete it and a new password is generated at the next start");
        }
        // random and long: a plain digest compares it, no key stretching (and no start-up cost) needed
        return new ConsolePassword(null, sha256(password), file);
    }

    /** Where the generated password is; null when the configuration gives the hash. */
    Path generated() {
        return generated;
    }

    boolean matches(String password) {
        if (secret != null) {
            return MessageDigest.isEqual(secret, sha256(password));
        }
        String[] parts = parse(hash);
        byte[] expected = Base64.getDecoder().decode(parts[2]);
        byte[] actual = pbkdf2(password, Base64.getDecoder().decode(parts[1]), Integer.parseInt(parts[0]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** {@code {pbkdf2}<iterations>:<salt>:<hash>} of {@code password}, with a new salt. */
    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + ITERATIONS + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    private static String[] parse(String hash) {
        String[] parts =
                hash.startsWith(PREFIX) ? hash.substring(PREFIX.length()).split(":") : new String[0];
        try {
            if (parts.length == 3 && Integer.parseInt(parts[0]) >= 10_000) {
                Base64.getDecoder().decode(parts[1]);
                Base64.getDecoder().decode(parts[2]);
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("passwordHash is not {pbkdf2}<iterations, at least 10000>:<salt>:<hash>"
                + " in base64; make one with console:hash");
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from the JDK", e);
        }
    }
}
