package io.kinglet.ota.internal;

import io.kinglet.ota.api.DeploymentState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak window: green is judged at every sample until the window ends. The first failed
 * verdict rolls it back; a pass at the end of the window commits it.
 */
final class Probation {

    /** How long and how often, read when a probation starts. */
    record Window(int seconds, int intervalMillis) {}

    /** Judges a run; the boolean says whether this is the last sample of the window. */
    interface Judge {
        ProbationJudge.Verdict judge(Run run, boolean last);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Probation.class);

    private final ScheduledExecutorService worker;
    private final Judge judge;
    private final Transitions transitions;
    private final Supplier<Window> window;
    private final Supplier<Run> current;
    private final Consumer<Run> passed;
    private final BiConsumer<Run, String> failed;

    Probation(
            ScheduledExecutorService worker,
            Judge judge,
            Transitions transitions,
            Supplier<Window> window,
            Supplier<Run> current,
            Consumer<Run> passed,
            BiConsumer<Run, String> failed) {
        this.worker = worker;
        this.judge = judge;
        this.transitions = transitions;
        this.window = window;
        this.current = current;
        this.passed = passed;
        this.failed = failed;
    }

    void start(Run r) throws IOException {
        Window w = window.get();
        r.probationEnds = Instant.now().plusSeconds(w.seconds());
        transitions.enter(r.deployment, DeploymentState.PROBATION, null);
        LOG.info("OTA {}: on probation for {} s, health checks tagged {}", r.deployment.id(), w.seconds(), r.tags);
        worker.schedule(() -> sample(r), w.intervalMillis(), TimeUnit.MILLISECONDS);
    }

    /** Seconds of probation left, or -1 outside probation. */
    static long secondsLeft(Run r) {
        if (r == null || r.probationEnds == null) {
            return -1;
        }
        return Math.max(0, Duration.between(Instant.now(), r.probationEnds).toSeconds());
    }

    private void sample(Run r) {
        if (current.get() != r) {
            return;
        }
        boolean last = !Instant.now().isBefore(r.probationEnds);
        ProbationJudge.Verdict verdict;
        try {
            verdict = judge.judge(r, last);
        } catch (RuntimeException e) {
            verdict = new ProbationJudge.Verdict("the health checks could not run: " + e);
        }
        r.verdictNanos = System.nanoTime();
        if (verdict.failed()) {
            failed.accept(r, verdict.reason());
        } else if (last) {
            passed.accept(r);
        } else {
            worker.schedule(() -> sample(r), window.get().intervalMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
