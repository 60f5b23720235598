package io.kinglet.metrics.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void plainValuesHaveOneDataPointWithoutLabels() {
        GaugeSnapshot gauge = Metrics.gauge("kinglet_x_level", "A level", 2.5);
        assertEquals("kinglet_x_level", gauge.getMetadata().getName());
        assertEquals("A level", gauge.getMetadata().getHelp());
        assertEquals(1, gauge.getDataPoints().size());
        assertEquals(2.5, gauge.getDataPoints().get(0).getValue());
        assertEquals(0, gauge.getDataPoints().get(0).getLabels().size());
        assertEquals(
                7.0,
                Metrics.counter("kinglet_x_events", "Events", 7)
                        .getDataPoints()
                        .get(0)
                        .getValue());
    }

    @Test
    void labelledValuesKeepTheMapsOrder() {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        byOutcome.put("committed", 3L);
        byOutcome.put("refused", 1L);
        CounterSnapshot counter = Metrics.counter("kinglet_x_deployments", "Deployments", "outcome", byOutcome);
        assertEquals(
                List.of("committed=3.0", "refused=1.0"),
                counter.getDataPoints().stream()
                        .map(p -> p.getLabels().getValue(0) + "=" + p.getValue())
                        .toList());
        GaugeSnapshot quantiles = Metrics.quantiles("kinglet_x_seconds", "Times", 0.001, 0.02);
        assertEquals(
                List.of("0.5=0.001", "0.99=0.02"),
                quantiles.getDataPoints().stream()
                        .map(p -> p.getLabels().getValue(0) + "=" + p.getValue())
                        .toList());
    }
}
