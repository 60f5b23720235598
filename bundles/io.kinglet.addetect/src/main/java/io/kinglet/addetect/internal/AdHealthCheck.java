package io.kinglet.addetect.internal;

import java.util.List;
import java.util.Locale;
import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * ffmpeg running and delivering frames; warns while it is being started again (and says why, e.g. the
 * executable is missing). Present without a configuration too, to say the detector is off and how to
 * turn it on. Not critical: the device does its job without it.
 */
@Component
@HealthCheckService(
        name = "Ad-break detector",
        tags = {"addetect"})
public class AdHealthCheck implements HealthCheck {

    static final String OFF = "the ad-break detector is off: there is no configuration " + AdDetector.PID
            + "; to turn it on, copy runtime-config/io.kinglet.addetect.cfg.example to io.kinglet.addetect.cfg in"
            + " the config folder and name the source (it needs ffmpeg)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AdDetector detector;

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        AdDetector running = detector;
        if (running == null) {
            log.info("{}", OFF);
            return new Result(log);
        }
        Feed.Status status = running.feed().status();
        if (status.running()) {
            log.info(
                    "watching {}: {} frames, run {} since {}",
                    running.source(),
                    status.frames(),
                    status.runs(),
                    status.since());
        } else {
            log.warn(
                    "not watching {}: {}",
                    running.source(),
                    status.lastProblem().isEmpty() ? "starting ffmpeg" : status.lastProblem());
        }
        BreakDetector breaks = running.feed().detector();
        if (breaks != null && breaks.current() != null) {
            log.info(
                    "in a break since {} s (confidence {})",
                    String.format(Locale.ROOT, "%.1f", breaks.current().start()),
                    String.format(Locale.ROOT, "%.2f", breaks.current().confidence()));
        }
        List<BreakDetector.Break> recent = running.recent();
        if (!recent.isEmpty()) {
            BreakDetector.Break last = recent.get(0); // newest first
            log.info(
                    "last break {} s to {} s (confidence {})",
                    String.format(Locale.ROOT, "%.1f", last.start()),
                    String.format(Locale.ROOT, "%.1f", last.end()),
                    String.format(Locale.ROOT, "%.2f", last.confidence()));
        }
        return new Result(log);
    }
}
