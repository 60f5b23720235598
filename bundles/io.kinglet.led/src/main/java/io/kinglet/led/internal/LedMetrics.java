package io.kinglet.led.internal;

import static io.kinglet.metrics.api.Metrics.counter;
import static io.kinglet.metrics.api.Metrics.gauge;
import static io.kinglet.metrics.api.Metrics.quantiles;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The frame loop as {@code kinglet_led_*}: achieved rate, frame time and lateness quantiles, counters. */
@Component
public class LedMetrics implements MultiCollector {

    private final LedAnimator animator;

    @Activate
    public LedMetrics(@Reference LedAnimator animator) {
        this.animator = animator;
    }

    @Override
    public MetricSnapshots collect() {
        FrameStats stats = animator.stats();
        return new MetricSnapshots(
                gauge("kinglet_led_fps", "Frames begun in the last second", stats.fps(System.nanoTime())),
                gauge("kinglet_led_target_fps", "The configured frame rate", stats.targetFps()),
                gauge("kinglet_led_brightness_ratio", "Brightness, 0 to 1", animator.brightness() / 100.0),
                quantiles(
                        "kinglet_led_frame_seconds",
                        "Time a frame took (render, colour pipeline, output) over the last " + FrameStats.WINDOW
                                + " frames",
                        stats.workQuantile(0.5),
                        stats.workQuantile(0.99)),
                quantiles(
                        "kinglet_led_lateness_seconds",
                        "How late frames began after their deadline over the last " + FrameStats.WINDOW + " frames",
                        stats.latenessQuantile(0.5),
                        stats.latenessQuantile(0.99)),
                counter("kinglet_led_frames", "Frames shown", stats.frames()),
                counter("kinglet_led_skipped_frames", "Frames skipped after an overrun", stats.skipped()),
                counter("kinglet_led_fallbacks", "Animations replaced by the fallback", stats.fallbacks()));
    }
}
