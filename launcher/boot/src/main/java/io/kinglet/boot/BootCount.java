package io.kinglet.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reboot-loop guard's counter: boots in a row that have not reached ready. The launcher raises
 * it before every boot; the watchdog sets it back to 0 when a boot reaches ready in time (or safe
 * mode is left). A file under the state directory, checksummed like every state file.
 */
public final class BootCount {

    private BootCount() {}

    /** {@code <state>/watchdog/boots-without-ready}. */
    public static Path file(Path stateDir) {
        return stateDir.resolve("watchdog").resolve("boots-without-ready");
    }

    /** The count; 0 when there is no file yet. */
    public static int read(Path stateDir) throws IOException {
        Path file = file(stateDir);
        if (!Files.exists(file)) {
            return 0;
        }
        String text = new String(CheckedFiles.read(file, CheckedFiles.Legacy.REFUSE), StandardCharsets.UTF_8);
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new DamagedFileException(file, "not a count: '" + text.strip() + "'");
        }
    }

    public static void write(Path stateDir, int count) throws IOException {
        Path file = file(stateDir);
        Files.createDirectories(file.getParent());
        CheckedFiles.write(file, Integer.toString(count).getBytes(StandardCharsets.UTF_8));
    }
}
