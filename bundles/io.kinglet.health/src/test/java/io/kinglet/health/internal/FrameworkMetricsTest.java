package io.kinglet.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

class FrameworkMetricsTest {

    @Test
    void countsBundlesByStateIncludingStatesWithNone() {
        BundleContext context = mock(BundleContext.class);
        Bundle[] installed = {bundle(Bundle.ACTIVE), bundle(Bundle.ACTIVE), bundle(Bundle.RESOLVED)};
        when(context.getBundles()).thenReturn(installed);
        ServiceComponentRuntime scr = mock(ServiceComponentRuntime.class);
        when(scr.getComponentDescriptionDTOs()).thenReturn(List.of());

        MetricSnapshots snapshots = new FrameworkMetrics(context, scr).collect();

        GaugeSnapshot bundles = (GaugeSnapshot) find(snapshots, "kinglet_bundles");
        assertEquals(2, value(bundles, "active"));
        assertEquals(1, value(bundles, "resolved"));
        assertEquals(0, value(bundles, "installed"));
        GaugeSnapshot uptime = (GaugeSnapshot) find(snapshots, "kinglet_uptime_seconds");
        assertTrue(uptime.getDataPoints().get(0).getValue() > 0);
    }

    private static Bundle bundle(int state) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getState()).thenReturn(state);
        return bundle;
    }

    private static MetricSnapshot find(MetricSnapshots snapshots, String name) {
        return snapshots.stream()
                .filter(s -> s.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static double value(GaugeSnapshot gauge, String state) {
        return gauge.getDataPoints().stream()
                .filter(p -> p.getLabels().equals(Labels.of("state", state)))
                .findFirst()
                .orElseThrow()
                .getValue();
    }
}
