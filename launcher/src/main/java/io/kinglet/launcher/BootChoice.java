package io.kinglet.launcher;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.CheckedFiles;
import io.kinglet.boot.DamagedFileException;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which manifest a boot uses. Normally the committed one. A trial set (an update of the OTA agent,
 * which cannot swap itself while running) boots exactly once: the boot marks it booted first, so if
 * that boot crashes, hangs or never commits, the next one reverts it to the committed set.
 *
 * <p>A damaged manifest is never read as "no update": it is kept aside (see {@link CheckedFiles}),
 * and a damaged committed set is replaced by the previous one if that is intact, else the embedded
 * bundles boot; {@code damage} says what happened, for the log.
 */
record BootChoice(DeploymentManifest manifest, boolean trial, String reason, List<String> damage) {

    static BootChoice decide(OtaLayout layout) throws IOException {
        List<String> damage = new ArrayList<>();
        DeploymentManifest previous =
                intactOrKeptAside(layout.previous(), damage, "a manual rollback has no previous set to return to");
        DeploymentManifest committed;
        try {
            committed = DeploymentManifest.read(layout.committed());
        } catch (DamagedFileException e) {
            Path aside = CheckedFiles.quarantine(layout.committed());
            if (previous != null) {
                previous.write(layout.committed());
                committed = previous;
                damage.add(e.getMessage() + "; kept as " + aside.getFileName() + "; the previous committed set ("
                        + describe(previous) + ") is committed and boots instead");
            } else {
                committed = DeploymentManifest.EMPTY;
                damage.add(e.getMessage() + "; kept as " + aside.getFileName()
                        + "; no intact previous set: the embedded bundles boot, without the updates it named");
            }
        }
        BootChoice choice = decide(layout, committed);
        return new BootChoice(choice.manifest(), choice.trial(), choice.reason(), List.copyOf(damage));
    }

    /**
     * This choice in safe mode: the previous committed set if there is an intact one, else the
     * embedded bundles; never a trial. The committed manifest is left as it is: safe mode is a
     * temporary boot, and the committed set boots again once it is left.
     */
    BootChoice safeMode(OtaLayout layout, int bootsWithoutReady) throws IOException {
        List<String> found = new ArrayList<>(damage);
        DeploymentManifest previous = intactOrKeptAside(layout.previous(), found, "safe mode boots the embedded set");
        DeploymentManifest set = previous == null ? DeploymentManifest.EMPTY : previous;
        String what = previous == null ? "the embedded set" : "the previous committed set (" + describe(previous) + ")";
        return new BootChoice(
                set,
                false,
                "Safe mode: " + bootsWithoutReady + " boots in a row without ready; booting " + what
                        + " (watchdog:ack or staying ready ends it)",
                List.copyOf(found));
    }

    /** The set this choice boots, for the watchdog's status: e.g. "the committed set (deployment d3, 2 updated bundle(s))". */
    String describeSet(boolean safeMode) {
        String which = trial ? "the trial set" : safeMode ? "the previous committed set" : "the committed set";
        return manifest.bundles().isEmpty()
                ? (safeMode ? "the embedded set" : which + " (embedded bundles only)")
                : which + " (" + describe(manifest) + ")";
    }

    /** The manifest in {@code file}, or null when there is none or it is damaged (then kept aside, and said). */
    private static DeploymentManifest intactOrKeptAside(Path file, List<String> damage, String consequence)
            throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return DeploymentManifest.read(file);
        } catch (DamagedFileException e) {
            damage.add(e.getMessage() + "; kept as "
                    + CheckedFiles.quarantine(file).getFileName() + "; " + consequence);
            return null;
        }
    }

    private static BootChoice decide(OtaLayout layout, DeploymentManifest committed) throws IOException {
        String committedName = describe(committed);
        if (!Files.exists(layout.trial())) {
            AtomicFiles.delete(layout.trialBooted());
            return new BootChoice(committed, false, "Booting the committed set (" + committedName + ")", List.of());
        }
        DeploymentManifest trial;
        try {
            trial = DeploymentManifest.read(layout.trial());
        } catch (IOException unreadable) {
            AtomicFiles.rename(layout.trial(), layout.trialReverted());
            return new BootChoice(
                    committed,
                    false,
                    "Trial set unreadable (" + unreadable.getMessage() + "); reverted, booting the committed set ("
                            + committedName + ")",
                    List.of());
        }
        if (Files.exists(layout.trialBooted())) {
            AtomicFiles.rename(layout.trial(), layout.trialReverted());
            AtomicFiles.delete(layout.trialBooted());
            return new BootChoice(
                    committed,
                    false,
                    "Trial set (" + describe(trial)
                            + ") was booted but never committed; reverted, booting the committed set (" + committedName
                            + ")",
                    List.of());
        }
        AtomicFiles.write(layout.trialBooted(), trial.deployment().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new BootChoice(trial, true, "Booting the trial set (" + describe(trial) + ") once", List.of());
    }

    private static String describe(DeploymentManifest manifest) {
        return manifest.bundles().isEmpty()
                ? "embedded bundles only"
                : "deployment " + manifest.deployment() + ", "
                        + manifest.bundles().size() + " updated bundle(s)";
    }
}
