package io.kinglet.addetect.internal;

import io.kinglet.telemetry.api.Priority;
import io.kinglet.telemetry.api.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ad-break detector on a live feed: breaks as Event Admin events
 * {@code io/kinglet/addetect/break/STARTED} and {@code ENDED} (properties {@code start}, {@code end}
 * in seconds of the feed, {@code confidence}, {@code source}), telemetry messages on
 * {@code addetect/break} when the telemetry service is there, the configured actions, and the recent
 * breaks kept for {@code ad:status}.
 */
@Component(
        service = AdDetector.class,
        immediate = true,
        configurationPid = AdDetector.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AdDetectConfiguration.class)
public class AdDetector implements BreakDetector.Listener {

    static final String PID = "io.kinglet.addetect";
    static final String TOPIC = "io/kinglet/addetect/break/";
    static final String TELEMETRY_TOPIC = "addetect/break";
    private static final Logger LOG = LoggerFactory.getLogger(AdDetector.class);
    private static final int HISTORY = 10;

    private final EventAdmin events;
    private final String source;
    private final Thresholds thresholds;
    private final String ffmpeg;
    private final Path work;
    private final Feed feed;
    private final ScheduledExecutorService watch;
    private final ArrayDeque<BreakDetector.Break> recent = new ArrayDeque<>();
    private final AtomicLong breaksEnded = new AtomicLong();
    private final BreakActions actions;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Telemetry telemetry;

    @Activate
    public AdDetector(AdDetectConfiguration config, BundleContext context, @Reference EventAdmin events) {
        this.events = events;
        this.source = config.kind() + " " + config.source();
        this.ffmpeg = config.ffmpeg();
        this.thresholds = Thresholds.of(config);
        this.work = context.getDataFile("ffmpeg").toPath();
        this.actions = BreakActions.of(config, work);
        this.feed = new Feed(Feed.decoder(config, work), thresholds, Duration.ofSeconds(config.stallSeconds()), this);
        this.watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kinglet-addetect-watch");
            thread.setDaemon(true);
            return thread;
        });
        feed.start();
        watch.scheduleWithFixedDelay(feed::checkStall, 1, 1, TimeUnit.SECONDS);
        LOG.info("Ad detector: watching {} with {}", source, ffmpeg);
    }

    @Override
    public void started(BreakDetector.Break b) {
        LOG.info("Ad detector: break started at {} s (confidence {})", round(b.start()), round(b.confidence()));
        events.postEvent(new Event(
                TOPIC + "STARTED", Map.of("start", b.start(), "confidence", b.confidence(), "source", source)));
        report(new BreakActions.Occurrence("started", b.start(), Double.NaN, b.confidence(), source, Instant.now()));
    }

    @Override
    public void ended(BreakDetector.Break b) {
        LOG.info(
                "Ad detector: break ended at {} s after {} s (confidence {})",
                round(b.end()),
                round(b.length()),
                round(b.confidence()));
        if (b.length() >= thresholds.minBreakSeconds()) {
            breaksEnded.incrementAndGet();
            synchronized (recent) {
                recent.addFirst(b);
                while (recent.size() > HISTORY) {
                    recent.removeLast();
                }
            }
        }
        events.postEvent(new Event(
                TOPIC + "ENDED",
                Map.of("start", b.start(), "end", b.end(), "confidence", b.confidence(), "source", source)));
        report(new BreakActions.Occurrence("ended", b.start(), b.end(), b.confidence(), source, Instant.now()));
    }

    /** Telemetry (queued durably, never waiting for the network) and the actions (queued). */
    private void report(BreakActions.Occurrence what) {
        Telemetry t = telemetry;
        if (t != null) {
            t.publishJson(TELEMETRY_TOPIC, BreakMessage.json(what), 1, Priority.NORMAL)
                    .whenComplete((id, failure) -> {
                        if (failure != null) {
                            LOG.warn("Ad detector: break {} not queued for telemetry: {}", what.event(), failure);
                        }
                    });
        }
        actions.fire(what);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    String source() {
        return source;
    }

    String ffmpeg() {
        return ffmpeg;
    }

    Feed feed() {
        return feed;
    }

    Thresholds thresholds() {
        return thresholds;
    }

    Path work() {
        return work;
    }

    BreakActions actions() {
        return actions;
    }

    long breaksEnded() {
        return breaksEnded.get();
    }

    List<BreakDetector.Break> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    @Deactivate
    void deactivate() {
        watch.shutdownNow();
        feed.close();
        actions.close();
        LOG.info("Ad detector: stopped");
    }
}
