/**
 * What other bundles can rely on from the OTA agent: the Event Admin topics it sends at every
 * transition of a deployment ({@link io.kinglet.ota.api.OtaEvents}) and the states a deployment goes
 * through ({@link io.kinglet.ota.api.DeploymentState}). The LED animator, for instance, shows progress
 * from these events. Since 1.2: {@link io.kinglet.ota.api.OtaDeployments}, deployments submitted from
 * inside the runtime (the hawkBit client).
 */
@Export
@Version("1.2.0")
package io.kinglet.ota.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
