/**
 * How a Kinglet capability builds its metrics. A capability registers a Prometheus
 * {@code MultiCollector} service (the health bundle serves every one at {@code /metrics}) whose
 * {@code collect()} returns snapshots made with {@link io.kinglet.metrics.api.Metrics}: names start
 * with {@code kinglet_<capability>_}, counters without {@code _total} (the exposition adds it).
 */
@Export
@Version("1.0.0")
package io.kinglet.metrics.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
