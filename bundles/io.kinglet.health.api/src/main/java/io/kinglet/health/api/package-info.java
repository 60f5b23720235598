/**
 * Health conventions shared by every Kinglet capability.
 *
 * <p>A capability contributes Apache Felix Health Checks ({@code org.apache.felix.hc.api.HealthCheck}
 * services, usually declared with {@code @HealthCheckService(name = ..., tags = ...)}). Each check
 * carries the capability's own tag (for example {@code "ota"}) and, when the device is useless
 * without it, {@link io.kinglet.health.api.HealthTags#CRITICAL}. {@code /health} serves every check,
 * {@code /health/ready} only the critical ones, {@code /health/live} only the live ones; the
 * watchdog and OTA gate on the same tags.
 *
 * <p>Metrics: a capability registers {@code io.prometheus.metrics.model.registry.Collector} or
 * {@code MultiCollector} services; {@code /metrics} exposes every one of them.
 */
@Export
@Version("1.1.0")
package io.kinglet.health.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
