package io.kinglet.ota.internal;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.FreeSpace;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The content-addressed artifact store: uploads land in {@code incoming/} while they are counted and
 * hashed, and only verified ones move to {@code store/<sha256>.jar}. Anything else is deleted, so a
 * refused or interrupted upload leaves nothing behind.
 */
final class ArtifactStore {

    /** An upload on disk, hashed, not yet verified. */
    record Received(Path file, String sha256, long size) {}

    /** Room for the journal and manifests of a deployment, beyond its bundles. */
    static final long MARGIN_BYTES = 1024 * 1024;

    private final OtaLayout layout;
    private final Path incoming;

    ArtifactStore(OtaLayout layout) throws IOException {
        this.layout = layout;
        this.incoming = layout.dir().resolve("incoming");
        Files.createDirectories(incoming);
        Files.createDirectories(layout.store());
    }

    /** Leftovers of uploads a crash or a stop interrupted. */
    int clearIncoming() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    /** Streams an upload to disk, refusing it as soon as it passes {@code maxBytes}. */
    Received receive(InputStream in, long maxBytes) throws IOException, Refusal {
        Path file = Files.createTempFile(incoming, "upload-", ".jar");
        MessageDigest digest = sha256();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new Refusal(
                            Refusal.TOO_LARGE,
                            "artifact is larger than the limit of " + maxBytes
                                    + " bytes (io.kinglet.ota maxArtifactBytes)");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(file);
            if (FreeSpace.isDiskFull(e)) {
                throw new Refusal(
                        Refusal.INSUFFICIENT_STORAGE,
                        FreeSpace.diskFull(stateDir()) + "; the upload stopped after " + FreeSpace.bytes(size)
                                + " and was not kept: nothing changed");
            }
            throw e;
        } catch (Refusal | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (size == 0) {
            Files.deleteIfExists(file);
            throw new Refusal(Refusal.BAD_REQUEST, "empty artifact: the request had no bundle in its body");
        }
        return new Received(file, HexFormat.of().formatHex(digest.digest()), size);
    }

    /**
     * Refuses uploads the state directory has no room to install: the framework copies each bundle
     * into its cache, and the journal and manifests need a little more. The uploads are deleted.
     */
    void checkRoom(List<Received> uploads) throws Refusal, IOException {
        long bytes = uploads.stream().mapToLong(Received::size).sum();
        long needed = bytes + MARGIN_BYTES;
        if (FreeSpace.usable(stateDir()) < needed) {
            discard(uploads);
            throw new Refusal(
                    Refusal.INSUFFICIENT_STORAGE,
                    FreeSpace.diskFull(stateDir()) + "; installing " + FreeSpace.bytes(bytes)
                            + " of bundles needs about " + FreeSpace.bytes(needed) + ": nothing changed");
        }
    }

    /** A storage failure before the switch, as the pusher's answer: 507 for a full disk, else 500. */
    Refusal storageFailure(IOException e) {
        if (FreeSpace.isDiskFull(e)) {
            return new Refusal(Refusal.INSUFFICIENT_STORAGE, FreeSpace.diskFull(stateDir()) + "; nothing changed");
        }
        return new Refusal(
                Refusal.SERVER_ERROR, "the deployment could not be stored (" + e.getMessage() + "); nothing changed");
    }

    private Path stateDir() {
        return layout.dir().getParent();
    }

    /** Moves a verified upload into the store, durably; the store keeps one copy per content. */
    Path keep(Received received) throws IOException {
        Path target = layout.artifact(received.sha256());
        if (Files.exists(target)) {
            Files.deleteIfExists(received.file());
            return target;
        }
        try (FileChannel channel = FileChannel.open(received.file(), StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        AtomicFiles.rename(received.file(), target);
        return target;
    }

    /** Deletes uploads that will not be kept (refused, or the request failed). */
    void discard(List<Received> uploads) throws IOException {
        for (Received upload : uploads) {
            Files.deleteIfExists(upload.file());
        }
    }

    /** Deletes every stored artifact not in {@code keep} (the committed and previous sets, a running deployment). */
    void retainOnly(Set<String> keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.store(), "*.jar")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!keep.contains(name.substring(0, name.length() - ".jar".length()))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
