/**
 * The Telemetry service: how any capability sends data off the device. A message is stored on the
 * device first (it survives a broker outage, a lost network and a crash) and forwarded to the
 * configured MQTT broker under {@code <prefix>/<device-id>/<topic>}, in order per topic. Capabilities
 * publish through this service, never to MQTT directly.
 */
@Export
@Version("1.0.0")
package io.kinglet.telemetry.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
