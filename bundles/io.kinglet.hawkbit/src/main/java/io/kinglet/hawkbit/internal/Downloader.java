package io.kinglet.hawkbit.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an artifact into {@code <sha256>.part} and, once its size and every hash the server gave
 * (sha256, and sha1 and md5 when sent) match, renames it {@code <sha256>.jar}. A broken connection is
 * resumed where it broke, with a {@code Range} request, after a back-off; a download that delivers
 * nothing for the stall time is broken off and resumed the same way. A wrong size or hash is final:
 * the file is deleted and the deployment fails.
 */
final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final int RETRIES = 6;

    private final DdiClient client;
    private final Path dir;
    private final Duration stall;
    private final AtomicLong downloaded = new AtomicLong();

    Downloader(DdiClient client, Path dir, Duration stall) {
        this.client = client;
        this.dir = dir;
        this.stall = stall;
    }

    /** The verified artifact, downloaded now or found from an earlier run. */
    Path fetch(Ddi.Artifact artifact, long maxBytes) throws IOException, InterruptedException {
        if (!artifact.sha256().matches("[0-9a-f]{64}")) {
            throw new DdiException(
                    artifact.filename() + ": the server's sha256 '" + artifact.sha256() + "' is not one");
        }
        if (artifact.size() > maxBytes) {
            throw new DdiException(artifact.filename() + " is " + artifact.size() + " bytes, more than the " + maxBytes
                    + " a deployment takes (the OTA agent's maxArtifactBytes)");
        }
        if (artifact.download() == null) {
            throw new DdiException(artifact.filename() + ": the server gives no download link");
        }
        Files.createDirectories(dir);
        Path done = dir.resolve(artifact.sha256() + ".jar");
        if (Files.exists(done)) {
            return done;
        }
        Path part = dir.resolve(artifact.sha256() + ".part");
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handle(IOException.class)
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .withMaxRetries(RETRIES)
                .onRetry(e -> LOG.warn(
                        "hawkBit: download of {} broke at {} of {} bytes ({}); resuming",
                        artifact.filename(),
                        size(part),
                        artifact.size(),
                        e.getLastException().getMessage()))
                .build();
        try {
            Failsafe.with(retry).run(() -> attempt(artifact, part));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        verify(artifact, part);
        Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
        return done;
    }

    private void attempt(Ddi.Artifact artifact, Path part) throws IOException, InterruptedException {
        long from = size(part);
        if (from >= artifact.size()) {
            // complete, or more than the artifact: start again rather than trust it
            Files.deleteIfExists(part);
            from = 0;
        }
        CompletableFuture<HttpResponse<Path>> answer = client.download(artifact.download(), part, from);
        long last = from;
        long lastMoved = System.nanoTime();
        while (true) {
            try {
                HttpResponse<Path> response = answer.get(1, TimeUnit.SECONDS);
                DdiException refused = DdiClient.downloadFailure(response);
                if (refused != null) {
                    throw refused;
                }
                break;
            } catch (TimeoutException e) {
                long now = size(part);
                if (now != last) {
                    last = now;
                    lastMoved = System.nanoTime();
                } else if (System.nanoTime() - lastMoved > stall.toNanos()) {
                    answer.cancel(true);
                    throw new IOException("no byte for " + stall.toSeconds() + " s");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DdiException ddi) {
                    throw ddi;
                }
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                answer.cancel(true);
                throw e;
            }
        }
        downloaded.addAndGet(size(part) - from);
    }

    private static void verify(Ddi.Artifact artifact, Path part) throws IOException {
        long size = size(part);
        if (size != artifact.size()) {
            Files.deleteIfExists(part);
            throw new DdiException(
                    artifact.filename() + " arrived with " + size + " bytes; the server says " + artifact.size());
        }
        check(artifact, part, "SHA-256", artifact.sha256());
        check(artifact, part, "SHA-1", artifact.sha1());
        check(artifact, part, "MD5", artifact.md5());
    }

    private static void check(Ddi.Artifact artifact, Path part, String algorithm, String expected) throws IOException {
        if (expected.isEmpty()) {
            return;
        }
        String actual = HexFormat.of().formatHex(digest(part, algorithm));
        if (!actual.equalsIgnoreCase(expected)) {
            Files.deleteIfExists(part);
            throw new DdiException(artifact.filename() + " does not match its " + algorithm + ": it is " + actual
                    + ", the server says " + expected);
        }
    }

    private static byte[] digest(Path file, String algorithm) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Bytes received over all downloads, for the metrics. */
    long downloaded() {
        return downloaded.get();
    }
}
