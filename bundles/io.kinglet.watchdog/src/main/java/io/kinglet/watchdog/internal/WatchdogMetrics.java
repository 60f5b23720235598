package io.kinglet.watchdog.internal;

import static io.kinglet.metrics.api.Metrics.counter;
import static io.kinglet.metrics.api.Metrics.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The watchdog in /metrics (through the health bundle's metrics whiteboard). */
@Component
public class WatchdogMetrics implements MultiCollector {

    private final Watchdog watchdog;

    @Activate
    public WatchdogMetrics(@Reference Watchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public MetricSnapshots collect() {
        PetCycle.Snapshot s = watchdog.snapshot();
        double age = s.lastPet() == null
                ? -1
                : Duration.between(s.lastPet(), Instant.now()).toMillis() / 1000.0;
        return MetricSnapshots.of(
                gauge("kinglet_watchdog_last_pet_age_seconds", "Seconds since the last pet; -1 before the first", age),
                gauge(
                        "kinglet_watchdog_petting",
                        "1 while the watchdogs are petted, 0 while the pets are stopped",
                        s.stopped() ? 0 : 1),
                counter("kinglet_watchdog_pets_stopped", "Times the pets stopped in this run", s.stoppedCount()),
                gauge(
                        "kinglet_watchdog_boots_without_ready",
                        "Boots in a row, before this one, that did not reach ready in time",
                        watchdog.boot().bootsWithoutReady()),
                gauge(
                        "kinglet_watchdog_safe_mode",
                        "1 while booted in safe mode",
                        watchdog.boot().safeMode() ? 1 : 0));
    }
}
