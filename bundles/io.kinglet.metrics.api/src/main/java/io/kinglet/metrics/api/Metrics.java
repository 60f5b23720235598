package io.kinglet.metrics.api;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Map;

/** Snapshots of the shapes Kinglet's metrics take: one value, or one value per value of a label. */
public final class Metrics {

    private Metrics() {}

    public static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }

    /** One data point per entry, the key as the value of {@code label}; in the map's order. */
    public static GaugeSnapshot gauge(String name, String help, String label, Map<String, ? extends Number> values) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((key, value) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(label, key))
                .value(value.doubleValue())
                .build()));
        return gauge.build();
    }

    /** Two quantiles of a distribution, as a gauge labelled {@code quantile} 0.5 and 0.99. */
    public static GaugeSnapshot quantiles(String name, String help, double p50, double p99) {
        return gauge(name, help, "quantile", orderedPair("0.5", p50, "0.99", p99));
    }

    public static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(value)
                        .build())
                .build();
    }

    /** One data point per entry, the key as the value of {@code label}; in the map's order. */
    public static CounterSnapshot counter(
            String name, String help, String label, Map<String, ? extends Number> values) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        values.forEach((key, value) -> counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of(label, key))
                .value(value.doubleValue())
                .build()));
        return counter.build();
    }

    private static Map<String, Double> orderedPair(String k1, double v1, String k2, double v2) {
        Map<String, Double> pair = new java.util.LinkedHashMap<>();
        pair.put(k1, v1);
        pair.put(k2, v2);
        return pair;
    }
}
