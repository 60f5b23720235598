package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.kinglet.boot.DeploymentManifest;
import io.kinglet.ota.api.DeploymentState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker is a mock that queues what Probation schedules; the test runs each sample when it
 * chooses, and ends the window by moving {@code probationEnds} into the past.
 */
class ProbationTest {

    private static final Probation.Window WINDOW = new Probation.Window(60, 250);

    @TempDir
    Path dir;

    private final ScheduledExecutorService worker = mock(ScheduledExecutorService.class);
    private final Deque<Runnable> scheduled = new ArrayDeque<>();
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final List<Run> passed = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    /** What the judge saw at each sample: whether it was told this is the last one. */
    private final List<Boolean> samples = new ArrayList<>();

    private Journal journal;

    @BeforeEach
    void worker() throws IOException {
        journal = new Journal(dir, 10, new JsonProviderImpl());
        when(worker.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class)))
                .thenAnswer(call -> {
                    scheduled.add(call.getArgument(0));
                    return null;
                });
    }

    private Probation probation(Probation.Judge judge) {
        Probation.Judge recording = (r, last) -> {
            samples.add(last);
            return judge.judge(r, last);
        };
        return new Probation(
                worker,
                recording,
                new Transitions(journal, () -> null),
                () -> WINDOW,
                current::get,
                passed::add,
                (r, reason) -> failed.add(r.deployment.id() + ": " + reason));
    }

    private Run started(Probation probation) throws IOException {
        Run r = new Run(new Deployment("d1", Deployment.Kind.PUSH, false), DeploymentManifest.EMPTY, false);
        current.set(r);
        probation.start(r);
        return r;
    }

    private void runNextSample() {
        scheduled.remove().run();
    }

    @Test
    void aWindowOfPassingSamplesCommitsAtItsEnd() throws IOException {
        Run r = started(probation((run, last) -> ProbationJudge.Verdict.PASS));

        assertEquals(DeploymentState.PROBATION, journal.find("d1").orElseThrow().state());
        assertTrue(Probation.secondsLeft(r) > 55, "seconds left: " + Probation.secondsLeft(r));
        verify(worker).schedule(any(Runnable.class), eq(250L), eq(TimeUnit.MILLISECONDS));
        runNextSample();
        runNextSample();
        assertEquals(List.of(), passed, "not committed before the window ends");

        r.probationEnds = Instant.now().minusMillis(1);
        runNextSample();

        assertEquals(List.of(false, false, true), samples);
        assertEquals(List.of(r), passed);
        assertEquals(List.of(), failed);
        assertTrue(scheduled.isEmpty(), "no sample after the verdict");
        assertNotEquals(0, r.verdictNanos);
    }

    @Test
    void theFirstFailingSampleRollsBackAtOnceWithTheJudgesReason() throws IOException {
        started(probation((run, last) -> samples.size() < 2
                ? ProbationJudge.Verdict.PASS
                : new ProbationJudge.Verdict("health check 'MQTT' is CRITICAL: broker unreachable")));

        runNextSample();
        runNextSample();

        assertEquals(List.of(false, false), samples, "failed before the window ended");
        assertEquals(List.of("d1: health check 'MQTT' is CRITICAL: broker unreachable"), failed);
        assertEquals(List.of(), passed);
        assertTrue(scheduled.isEmpty(), "no sample after the verdict");
    }

    @Test
    void aJudgeThatThrowsFailsTheDeployment() throws IOException {
        started(probation((run, last) -> {
            throw new IllegalStateException("health check executor is gone");
        }));

        runNextSample();

        assertEquals(
                List.of(
                        "d1: the health checks could not run: java.lang.IllegalStateException: health check executor is gone"),
                failed);
        assertEquals(List.of(), passed);
        assertTrue(scheduled.isEmpty());
    }

    @Test
    void samplingStopsOnceTheRunIsNoLongerTheCurrentOne() throws IOException {
        Run r = started(probation((run, last) -> ProbationJudge.Verdict.PASS));
        runNextSample();

        current.set(null); // rolled back by the operator meanwhile
        r.probationEnds = Instant.now().minusMillis(1);
        runNextSample();

        assertEquals(List.of(false), samples, "the judge is not asked again");
        assertEquals(List.of(), passed);
        assertEquals(List.of(), failed);
        assertTrue(scheduled.isEmpty());
    }

    @Test
    void secondsLeftIsMinusOneOutsideProbation() {
        assertEquals(-1, Probation.secondsLeft(null));
        assertEquals(
                -1,
                Probation.secondsLeft(
                        new Run(new Deployment("d2", Deployment.Kind.PUSH, false), DeploymentManifest.EMPTY, false)));
    }
}
