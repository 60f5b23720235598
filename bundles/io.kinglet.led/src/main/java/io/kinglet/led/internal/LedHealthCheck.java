package io.kinglet.led.internal;

import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Warns when the LEDs cannot be driven (no framebuffer, or writes failing), when the loop falls
 * behind its frame rate, and after an animation was replaced by the fallback (until the next
 * {@code led:play}). Not critical: a device with dark LEDs still does its job.
 */
@Component
@HealthCheckService(
        name = "LED animator",
        tags = {"led"})
public class LedHealthCheck implements HealthCheck {

    /** Below this share of the target rate the loop counts as behind. */
    private static final double BEHIND = 0.9;

    private final LedAnimator animator;

    @Activate
    public LedHealthCheck(@Reference LedAnimator animator) {
        this.animator = animator;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        FrameStats stats = animator.stats();
        double fps = stats.fps(System.nanoTime());
        log.info("playing {} on {}", animator.playing().isEmpty() ? "nothing" : animator.playing(), animator.output());
        animator.outputProblem().ifPresent(p -> log.warn("{} (since {})", p.what(), p.since()));
        // a loop that has run for a second has a full window to judge
        if (stats.frames() > stats.targetFps() && fps < BEHIND * stats.targetFps()) {
            log.warn("frame loop behind: {} fps of {}", Math.round(fps), Math.round(stats.targetFps()));
        } else {
            log.info("{} fps of {}", Math.round(fps), Math.round(stats.targetFps()));
        }
        animator.fallback().ifPresent(p -> log.warn("{} (at {}); led:play starts another", p.what(), p.since()));
        return new Result(log);
    }
}
