package io.kinglet.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class HttpRequestMetricsTest {

    @Test
    void pathLabelKeepsTheFirstSegmentOnly() {
        assertEquals("/health", HttpRequestMetrics.pathLabel("/health/ready", 200));
        assertEquals("/health", HttpRequestMetrics.pathLabel("/health", 503));
        assertEquals("/metrics", HttpRequestMetrics.pathLabel("/metrics", 200));
    }

    @Test
    void requestsThatFoundNothingArePooledSoScannersCannotGrowTheLabelSet() {
        assertEquals("other", HttpRequestMetrics.pathLabel("/wp-admin/setup.php", 404));
        assertEquals("other", HttpRequestMetrics.pathLabel("", 200));
    }

    @Test
    void eachRequestIsCountedWithMethodPathAndTheStatusTheServletSet() throws Exception {
        HttpRequestMetrics metrics = new HttpRequestMetrics();
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("GET");
        when(request.getRequestURI()).thenReturn("/health/ready");
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getStatus()).thenReturn(503);

        metrics.doFilter(request, response, (req, res) -> {});
        metrics.doFilter(request, response, (req, res) -> {});

        HistogramSnapshot snapshot = (HistogramSnapshot) metrics.collect();
        HistogramSnapshot.HistogramDataPointSnapshot point =
                snapshot.getDataPoints().get(0);
        assertEquals(Labels.of("method", "GET", "path", "/health", "status", "503"), point.getLabels());
        assertEquals(2, point.getCount());
    }
}
