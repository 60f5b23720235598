package io.kinglet.watchdog.internal;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
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
                CounterSnapshot.builder()
                        .name("kinglet_watchdog_pets_stopped")
                        .help("Times the pets stopped in this run")
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .value(s.stoppedCount())
                                .build())
                        .build(),
                gauge(
                        "kinglet_watchdog_boots_without_ready",
                        "Boots in a row, before this one, that did not reach ready in time",
                        watchdog.boot().bootsWithoutReady()),
                gauge(
                        "kinglet_watchdog_safe_mode",
                        "1 while booted in safe mode",
                        watchdog.boot().safeMode() ? 1 : 0));
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }
}
