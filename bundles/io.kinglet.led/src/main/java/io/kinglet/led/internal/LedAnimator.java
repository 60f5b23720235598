package io.kinglet.led.internal;

import io.kinglet.hardware.api.SpiBus;
import io.kinglet.led.api.Animation;
import io.kinglet.led.api.Playback;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LED animator: keeps the {@link Animation} services (whiteboard) by name and plays the one asked
 * for on the {@link FrameLoop}. What was asked for is remembered, so when an animation's bundle is
 * updated its service goes and comes back and it resumes, with the same parameters, on the new code;
 * while it is away the default animation plays. {@link Reaction}s to the device's events play over
 * it, highest priority first, until they end.
 */
@Component(
        service = LedAnimator.class,
        immediate = true,
        configurationPid = LedAnimator.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LedConfiguration.class)
public class LedAnimator implements FrameLoop.Listener, Reactions {

    static final String PID = "io.kinglet.led";
    private static final Logger LOG = LoggerFactory.getLogger(LedAnimator.class);
    private static final Playback DARK = (canvas, frame, nanos) -> canvas.fill(0, 0, 0);

    /** A problem shown in health until it is over, and since when. */
    record Problem(String what, Instant since) {}

    private final AnimationRegistry animations = new AnimationRegistry();
    private final Optional<Selection> defaultSelection;
    private final Output output;
    private final ColorPipeline pipeline;
    private final FrameLoop loop;
    private Optional<Selection> wanted;
    /** The service whose playback is on the loop (null: dark or the fallback). */
    private Animation playingService;

    private String playingLabel = "";
    /** The service the loop gave up on: not restarted until asked for again or replaced. */
    private Animation faulted;

    private final ReactionStack reactions = new ReactionStack();
    private final ScheduledExecutorService expiry;
    private volatile Problem outputProblem;
    private volatile Problem fallback;

    @Activate
    public LedAnimator(LedConfiguration config) {
        this.defaultSelection = config.defaultAnimation().isBlank()
                ? Optional.empty()
                : Optional.of(
                        Selection.of(config.defaultAnimation().strip(), Arrays.asList(config.defaultParameters())));
        this.wanted = defaultSelection;
        this.output = Outputs.open(config, () -> spi);
        this.pipeline = new ColorPipeline(
                output.width(), output.height(), config.rotation(), config.brightness(), config.gamma());
        this.loop = new FrameLoop(pipeline, output, config.fps(), config.faultsBeforeFallback(), this);
        this.expiry = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kinglet-led-reactions");
            thread.setDaemon(true);
            return thread;
        });
        loop.start();
        LOG.info(
                "LED: {} at {} fps, brightness {} %, rotation {}, default animation {}",
                output.describe(),
                config.fps(),
                config.brightness(),
                config.rotation(),
                defaultSelection.map(Selection::toString).orElse("none"));
    }

    /** The SPI bus a strip is on, followed as it comes and goes (a provider restarting is not the animator's). */
    @Reference(
            name = "spi",
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SpiBus spi;

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addAnimation(Animation animation, Map<String, Object> properties) {
        if (animations.add(animation, properties)) {
            playWanted();
        }
    }

    synchronized void removeAnimation(Animation animation, Map<String, Object> properties) {
        String name = animations.remove(animation, properties);
        if (name != null && animation == playingService) {
            LOG.info("LED: animation '{}' went away (its bundle stopped or is being updated)", name);
            playWanted();
        }
    }

    /**
     * Plays what was asked for if its service is there, else the default while it is away; nothing
     * after {@code led:stop}. An animation the loop gave up on stays off until it is asked for again or
     * its bundle brings a new service.
     */
    private void playWanted() {
        Optional<Selection> target = reactions
                .top(Instant.now())
                .map(ReactionStack.Active::selection)
                .filter(s -> animations.has(s.name()));
        if (target.isEmpty()) {
            target = wanted.filter(s -> animations.has(s.name()));
            if (wanted.isPresent() && target.isEmpty()) {
                target = defaultSelection.filter(s -> animations.has(s.name()));
            }
        }
        Animation service = target.map(s -> animations.get(s.name())).orElse(null);
        String label = target.map(Selection::toString).orElse("");
        if ((service == playingService && label.equals(playingLabel)) || (service != null && service == faulted)) {
            return;
        }
        if (target.isPresent()) {
            try {
                loop.play(label, start(target.get()));
                playingService = service;
                playingLabel = label;
                return;
            } catch (RuntimeException e) {
                LOG.warn("LED: cannot play {}: {}", target.get(), e.getMessage());
            }
        }
        loop.play("", DARK);
        playingService = null;
        playingLabel = "";
    }

    @Override
    public synchronized void react(
            String reaction, String key, Selection selection, int priority, Optional<Duration> duration) {
        Instant now = Instant.now();
        reactions.start(reaction, key, selection, priority, duration.map(now::plus));
        LOG.info(
                "LED: reaction '{}'{} starts {} (priority {}{})",
                reaction,
                key.isEmpty() ? "" : " (" + key + ")",
                selection,
                priority,
                duration.map(d -> ", for " + d.toSeconds() + " s").orElse(""));
        duration.ifPresent(d -> expiry.schedule(this::expire, d.toMillis() + 1, TimeUnit.MILLISECONDS));
        playWanted();
    }

    @Override
    public synchronized void endReaction(String reaction, String key, String why) {
        if (reactions.end(reaction, key)) {
            LOG.info("LED: reaction '{}'{} ended by {}", reaction, key.isEmpty() ? "" : " (" + key + ")", why);
            playWanted();
        }
    }

    @Override
    public synchronized void removeReaction(String reaction) {
        reactions.endAll(reaction);
        playWanted();
    }

    private synchronized void expire() {
        playWanted();
    }

    synchronized List<ReactionStack.Active> reactions() {
        reactions.top(Instant.now());
        return reactions.all();
    }

    /** Plays an animation now; bad names and parameters are refused with the reason, changing nothing. */
    synchronized void play(Selection selection) {
        if (!animations.has(selection.name())) {
            throw new IllegalArgumentException("no animation named '" + selection.name() + "'; there are: "
                    + String.join(", ", animations.all().keySet()));
        }
        Playback playback = start(selection);
        wanted = Optional.of(selection);
        fallback = null;
        faulted = null;
        if (reactions.top(Instant.now()).isPresent()) {
            LOG.info("LED: {} is next, after the reactions playing now", selection);
            return;
        }
        playingService = animations.get(selection.name());
        playingLabel = selection.toString();
        loop.play(playingLabel, playback);
        LOG.info("LED: playing {}", selection);
    }

    private Playback start(Selection selection) {
        try {
            return animations.get(selection.name()).start(selection.parameters(), output.width(), output.height());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(selection.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("animation '" + selection.name() + "' failed to start: " + e, e);
        }
    }

    /** Stops the animation: the LEDs go dark until the next {@code led:play}. */
    synchronized void stop() {
        wanted = Optional.empty();
        playingService = null;
        playingLabel = "";
        reactions.all().forEach(a -> reactions.end(a.reaction(), a.key()));
        loop.play("", DARK);
        LOG.info("LED: stopped");
    }

    void brightness(int percent) {
        pipeline.brightness(percent);
    }

    int brightness() {
        return pipeline.brightness();
    }

    synchronized Map<String, Animation> animations() {
        return animations.all();
    }

    String playing() {
        return loop.playing();
    }

    String output() {
        return output.describe();
    }

    int width() {
        return output.width();
    }

    int height() {
        return output.height();
    }

    FrameStats stats() {
        return loop.stats();
    }

    Optional<Problem> outputProblem() {
        return Optional.ofNullable(outputProblem);
    }

    Optional<Problem> fallback() {
        return Optional.ofNullable(fallback);
    }

    @Override
    public synchronized void fellBack(String animation, String reason) {
        fallback = new Problem("animation '" + animation + "' stopped: it " + reason, Instant.now());
        faulted = playingService;
    }

    @Override
    public void outputFailed(String reason) {
        outputProblem = new Problem(output.describe() + ": " + reason, Instant.now());
    }

    @Override
    public void outputRecovered() {
        outputProblem = null;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        expiry.shutdownNow();
        loop.stop();
        output.close();
    }
}
