/**
 * The contract between the launcher and the bundles that decide what it boots: the OTA agent (the
 * manifests) and the watchdog (the reboot-loop guard, {@link io.kinglet.boot.BootCount} and
 * {@link io.kinglet.boot.BootStatus}).
 *
 * <p>The launcher boots the bundles embedded in kinglet.jar, overlaid by the committed
 * {@link io.kinglet.boot.DeploymentManifest}; the OTA agent is the only writer of that manifest. Both
 * find the files through {@link io.kinglet.boot.OtaLayout}. These classes live on the launcher's
 * class path and the system bundle exports this package (at the version {@code cnf/runtime.bnd} names), so
 * an update of the agent can never change the format under the launcher.
 */
@Export
@Version("1.5.0")
package io.kinglet.boot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
