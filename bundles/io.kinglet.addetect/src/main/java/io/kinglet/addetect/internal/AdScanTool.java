package io.kinglet.addetect.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code kinglet ad-scan FILE…}: the launcher runs this outside the framework, loaded from this
 * bundle's jar with its libraries (Jakarta JSON, SLF4J), so a scan needs no running runtime and uses
 * the detector's own code. One JSON object per file on {@code out}; a file that cannot be scanned is
 * named on {@code err} and the others are still scanned.
 */
public final class AdScanTool {

    private AdScanTool() {}

    /**
     * Scans each file with the default thresholds and the ffmpeg named by {@code KINGLET_FFMPEG} (else
     * {@code ffmpeg} on the PATH).
     *
     * @return 0 when every file was scanned, 1 when one could not be, 2 without files
     */
    public static int run(String[] files, PrintStream out, PrintStream err) throws InterruptedException {
        if (files.length == 0) {
            err.println("usage: kinglet ad-scan FILE...  (prints one JSON object per file)");
            return 2;
        }
        String ffmpeg = System.getenv().getOrDefault("KINGLET_FFMPEG", "ffmpeg");
        int status = 0;
        for (String file : files) {
            Path path = Path.of(file);
            try {
                if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                    throw new IOException("not a readable file");
                }
                out.println(AdScan.scan(path, Thresholds.defaults(), ffmpeg).json());
            } catch (IOException e) {
                err.println("ad-scan: " + file + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
