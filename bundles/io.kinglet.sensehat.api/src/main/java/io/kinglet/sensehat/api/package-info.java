/**
 * The Sense HAT reader's readings for other bundles: {@link io.kinglet.sensehat.api.SensorReadings}
 * keeps the last hour of every quantity in memory (a ring buffer in the reader) and describes the
 * configured alerts, for a page that plots them without asking the chips itself.
 */
@Export
@Version("1.0.0")
package io.kinglet.sensehat.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
