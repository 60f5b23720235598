package io.kinglet.launcher;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Which manifest a boot uses. Normally the committed one. A trial set (an update of the OTA agent,
 * which cannot swap itself while running) boots exactly once: the boot marks it booted first, so if
 * that boot crashes, hangs or never commits, the next one reverts it to the committed set.
 */
record BootChoice(DeploymentManifest manifest, boolean trial, String reason) {

    static BootChoice decide(OtaLayout layout) throws IOException {
        DeploymentManifest committed = DeploymentManifest.read(layout.committed());
        String committedName = describe(committed);
        if (!Files.exists(layout.trial())) {
            AtomicFiles.delete(layout.trialBooted());
            return new BootChoice(committed, false, "Booting the committed set (" + committedName + ")");
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
                            + committedName + ")");
        }
        if (Files.exists(layout.trialBooted())) {
            AtomicFiles.rename(layout.trial(), layout.trialReverted());
            AtomicFiles.delete(layout.trialBooted());
            return new BootChoice(
                    committed,
                    false,
                    "Trial set (" + describe(trial)
                            + ") was booted but never committed; reverted, booting the committed set (" + committedName
                            + ")");
        }
        AtomicFiles.write(layout.trialBooted(), trial.deployment().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new BootChoice(trial, true, "Booting the trial set (" + describe(trial) + ") once");
    }

    private static String describe(DeploymentManifest manifest) {
        return manifest.bundles().isEmpty()
                ? "embedded bundles only"
                : "deployment " + manifest.deployment() + ", "
                        + manifest.bundles().size() + " updated bundle(s)";
    }
}
