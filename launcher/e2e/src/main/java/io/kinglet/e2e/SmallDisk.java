package io.kinglet.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small file system (tmpfs) mounted on a folder, which a test can fill to the last byte and empty
 * again while a runtime uses it: a full SD card, then one with room again. Mounting needs root, as
 * in CI; {@link #available()} says whether this machine allows it.
 *
 * <pre>{@code
 * try (SmallDisk disk = SmallDisk.mount(stateDir, 64)) {
 *     disk.fill();       // nothing more fits
 *     disk.free();       // the ballast is gone: room again
 * }
 * }</pre>
 */
public final class SmallDisk implements AutoCloseable {

    private static final String BALLAST = "ballast.bin";

    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Whether a tmpfs can be mounted here (root, and a kernel that lets this process mount). */
    public static boolean available() {
        try {
            Path probe = Files.createTempDirectory("kinglet-tmpfs-probe-");
            boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString()) == 0;
            if (mounted) {
                run("umount", probe.toString());
            }
            Files.deleteIfExists(probe);
            return mounted;
        } catch (IOException e) {
            return false;
        }
    }

    /** Mounts a tmpfs of {@code mebibytes} on {@code dir} (created if needed). */
    public static SmallDisk mount(Path dir, int mebibytes) throws IOException {
        Files.createDirectories(dir);
        if (run("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs", dir.toString()) != 0) {
            throw new IOException("cannot mount a tmpfs on " + dir + " (needs root)");
        }
        return new SmallDisk(dir);
    }

    /** Writes a ballast file until the file system is full. */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(dir.resolve(BALLAST))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (Files.getFileStore(dir).getUsableSpace() > block.length) {
                throw full;
            }
        }
    }

    /** Deletes the ballast: the space comes back. */
    public void free() throws IOException {
        Files.deleteIfExists(dir.resolve(BALLAST));
    }

    public long usableBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException {
        if (run("umount", dir.toString()) != 0) {
            throw new IOException("cannot unmount " + dir);
        }
    }

    private static int run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
