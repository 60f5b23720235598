package io.kinglet.boot;

import java.nio.file.Path;

/**
 * Where OTA keeps its state, under {@code <state dir>/ota}:
 * <ul>
 * <li>{@code committed.properties} — the committed {@link DeploymentManifest};</li>
 * <li>{@code previous.properties} — the one it replaced, for a manual rollback;</li>
 * <li>{@code trial.properties} — a set to boot once, on trial (an update of the OTA agent itself);
 *     {@code trial.booted} marks that the trial boot happened, so a trial that never commits is
 *     reverted at the next start and {@code trial.properties} renamed {@code trial.reverted};</li>
 * <li>{@code store/<sha256>.jar} — verified artifacts, content-addressed.</li>
 * </ul>
 */
public record OtaLayout(Path dir) {

    /** Location prefix of the bundles embedded in kinglet.jar: {@code kinglet:boot/<symbolic name>}. */
    public static final String BOOT_LOCATION_PREFIX = "kinglet:boot/";
    /** Location prefix of bundles installed from the store: {@code kinglet:ota/<sha256>}. */
    public static final String STORE_LOCATION_PREFIX = "kinglet:ota/";
    /** Every location the launcher and the agent manage starts with this; others are left alone. */
    public static final String MANAGED_LOCATION_PREFIX = "kinglet:";

    public static OtaLayout under(Path stateDir) {
        return new OtaLayout(stateDir.resolve("ota"));
    }

    public Path committed() {
        return dir.resolve("committed.properties");
    }

    public Path previous() {
        return dir.resolve("previous.properties");
    }

    public Path trial() {
        return dir.resolve("trial.properties");
    }

    public Path trialBooted() {
        return dir.resolve("trial.booted");
    }

    public Path trialReverted() {
        return dir.resolve("trial.reverted");
    }

    public Path store() {
        return dir.resolve("store");
    }

    public Path artifact(String sha256) {
        return store().resolve(sha256 + ".jar");
    }
}
