package io.kinglet.sensehat.internal;

import io.kinglet.metrics.api.Metrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The latest readings as {@code kinglet_sensehat_<quantity>_<unit>} gauges, and whether each chip answers. */
@Component
public class SenseHatMetrics implements MultiCollector {

    private final SenseHat hat;

    @Activate
    public SenseHatMetrics(@Reference SenseHat hat) {
        this.hat = hat;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        hat.latest()
                .forEach((quantity, reading) -> snapshots.add(Metrics.gauge(
                        "kinglet_sensehat_" + quantity.label() + "_" + quantity.metricUnit,
                        "Latest " + quantity.label().replace('_', ' ') + " (" + quantity.unit + ") from the "
                                + reading.chip(),
                        reading.value())));
        GaugeSnapshot.Builder up = GaugeSnapshot.builder()
                .name("kinglet_sensehat_chip_up")
                .help("1 while the chip answers on the I2C bus");
        hat.chips()
                .forEach(chip -> up.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("chip", chip.chip(), "address", String.format("0x%02x", chip.address())))
                        .value(chip.up() ? 1 : 0)
                        .build()));
        snapshots.add(up.build());
        return new MetricSnapshots(snapshots);
    }
}
