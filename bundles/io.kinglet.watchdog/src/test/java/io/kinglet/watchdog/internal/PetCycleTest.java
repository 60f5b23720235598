package io.kinglet.watchdog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.boot.BootStatus;
import io.kinglet.boot.CheckedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PetCycleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Everything the cycle did, in order; a stop also records what the run file said at that moment. */
    private final List<String> did = new ArrayList<>();

    private PetCycle cycle(boolean safeMode) throws IOException {
        return cycle(new TestBoot(safeMode, false));
    }

    private PetCycle cycle(BootStatus boot) throws IOException {
        RebootHistory history = new RebootHistory(dir, "s");
        return new PetCycle(boot, GRACE, history, history.open(), new PetCycle.Sinks() {
            @Override
            public void pet() {
                did.add("pet");
            }

            @Override
            public void notify(String message) {
                did.add(message);
            }

            @Override
            public void event(String name, Map<String, Object> properties) {
                did.add("event " + name);
                if (name.equals("PETS_STOPPED")) {
                    did.add("run file: " + runFile());
                }
            }

            @Override
            public void telemetry(String topic, Map<String, Object> fields) {
                did.add("telemetry " + topic);
            }

            @Override
            public void resetBootCount() {
                did.add("reset count");
            }

            @Override
            public void restart(String reason) {
                did.add("restart: " + reason);
            }
        });
    }

    private String runFile() {
        try {
            return new String(CheckedFiles.read(dir.resolve("run"), CheckedFiles.Legacy.REFUSE), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.startsWith("state=") || l.startsWith("cause="))
                    .sorted()
                    .toList()
                    .toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HealthProbe.Reading reading(HealthProbe.Check... checks) {
        return new HealthProbe.Reading(List.of(checks), null);
    }

    private static HealthProbe.Check check(String name, Result.Status status, String... tags) {
        return new HealthProbe.Check(name, List.of(tags), status, status == Result.Status.OK ? "" : name + " broke");
    }

    private static final HealthProbe.Check SPINE_OK =
            check("Bundles started", Result.Status.OK, "framework", "critical");
    private static final HealthProbe.Check APP_OK = check("Sensor", Result.Status.OK, "sense", "critical");
    private static final HealthProbe.Check APP_FAILING = check("Sensor", Result.Status.CRITICAL, "sense", "critical");

    @Test
    void readyIsSentOnceWhenEveryCriticalCheckFirstPassesAndTheBootCountIsReset() throws Exception {
        PetCycle cycle = cycle(false);
        cycle.tick(T0, reading(SPINE_OK, APP_FAILING));
        assertFalse(did.contains("READY=1"));
        assertTrue(did.contains("pet"), "pets go on while starting");
        cycle.tick(T0.plusSeconds(1), reading(SPINE_OK, APP_OK));
        cycle.tick(T0.plusSeconds(2), reading(SPINE_OK, APP_OK));
        assertEquals(1, did.stream().filter("READY=1"::equals).count());
        assertEquals(1, did.stream().filter("reset count"::equals).count());
        assertTrue(did.contains("STATUS=ready: 2 checks OK"), did.toString());
    }

    @Test
    void aCriticalFailurePastTheGracePeriodRecordsTheCauseBeforeThePetsStopThenThePetsResume() throws Exception {
        PetCycle cycle = cycle(false);
        cycle.tick(T0, reading(SPINE_OK, APP_OK));
        cycle.tick(T0.plusSeconds(5), reading(SPINE_OK, APP_FAILING));
        cycle.tick(T0.plusSeconds(14), reading(SPINE_OK, APP_FAILING));
        assertFalse(cycle.snapshot().stopped(), "within the grace period");
        did.clear();
        cycle.tick(T0.plusSeconds(15), reading(SPINE_OK, APP_FAILING));
        assertFalse(did.contains("pet"));
        assertEquals("event PETS_STOPPED", did.get(0));
        assertEquals("run file: [cause=Sensor\\: Sensor broke, state=pets-stopped]", did.get(1));
        assertTrue(did.contains("STATUS=pets stopped: Sensor: Sensor broke"), did.toString());
        did.clear();
        cycle.tick(T0.plusSeconds(20), reading(SPINE_OK, APP_OK));
        assertEquals(List.of("pet", "event PETS_RESUMED", "STATUS=ready: 2 checks OK"), did);
        assertEquals(1, cycle.snapshot().stoppedCount());
    }

    @Test
    void aBootThatIsNotReadyInTimeStopsThePets() throws Exception {
        PetCycle cycle = cycle(false);
        cycle.tick(T0.plusSeconds(59), reading(SPINE_OK, APP_FAILING));
        assertTrue(did.contains("pet"));
        did.clear();
        cycle.tick(T0.plusSeconds(60), reading(SPINE_OK, APP_FAILING));
        assertFalse(did.contains("pet"));
        assertTrue(cycle.snapshot().stopCause().startsWith("not ready 60 s after boot: Sensor"));
    }

    @Test
    void anUnresponsiveFrameworkCountsAsAFailingCheck() throws Exception {
        PetCycle cycle = cycle(false);
        cycle.tick(T0, reading(SPINE_OK));
        cycle.tick(T0.plusSeconds(1), new HealthProbe.Reading(List.of(), "the health checks have not answered"));
        cycle.tick(T0.plusSeconds(11), new HealthProbe.Reading(List.of(), "the health checks have not answered"));
        assertTrue(cycle.snapshot().stopped());
        assertEquals(
                "Framework responsive: the health checks have not answered",
                cycle.snapshot().stopCause());
    }

    @Test
    void safeModeGatesOnTheSpineAloneKeepsTheCountAndEndsAfterStayingReady() throws Exception {
        PetCycle cycle = cycle(true);
        cycle.tick(T0, reading(SPINE_OK, APP_FAILING));
        cycle.tick(T0.plusSeconds(30), reading(SPINE_OK, APP_FAILING));
        assertFalse(cycle.snapshot().stopped(), "an optional capability's check does not stop the pets");
        assertTrue(did.contains("READY=1"));
        assertFalse(did.contains("reset count"));
        assertTrue(did.contains("STATUS=safe mode (3 boots without ready); degraded: Sensor CRITICAL"), did.toString());
        cycle.tick(T0.plusSeconds(100), reading(SPINE_OK));
        assertTrue(did.contains("reset count"));
        assertTrue(did.contains("restart: leaving safe mode: ready for 100 s"), did.toString());
    }

    @Test
    void acknowledgingLeavesSafeModeOnce() throws Exception {
        PetCycle cycle = cycle(true);
        cycle.tick(T0, reading(SPINE_OK));
        assertEquals(List.of("Leaving safe mode: the framework restarts into the committed set"), cycle.acknowledge());
        assertEquals(List.of(), cycle.acknowledge());
        assertEquals(1, did.stream().filter(d -> d.startsWith("restart:")).count());
    }

    @Test
    void aTrialBootAsksSystemdForTheRestOfTheTrialTimeUntilReady() throws Exception {
        PetCycle cycle = cycle(new TestBoot(false, true));
        cycle.tick(T0.plusSeconds(100), reading(SPINE_OK, APP_FAILING));
        assertTrue(did.contains("EXTEND_TIMEOUT_USEC=200000000"), did.toString());
        did.clear();
        cycle.tick(T0.plusSeconds(101), reading(SPINE_OK, APP_OK));
        assertTrue(did.contains("READY=1"));
        assertFalse(did.stream().anyMatch(d -> d.startsWith("EXTEND_TIMEOUT_USEC")), did.toString());
    }

    private record TestBoot(boolean safeMode, boolean trial) implements BootStatus {
        @Override
        public Instant started() {
            return T0;
        }

        @Override
        public int bootsWithoutReady() {
            return safeMode ? 3 : 0;
        }

        @Override
        public int safeModeAfter() {
            return 3;
        }

        @Override
        public Duration readyWithin() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration leaveSafeModeAfter() {
            return Duration.ofSeconds(100);
        }

        @Override
        public List<String> optional() {
            return List.of("io.kinglet.sense");
        }

        @Override
        public String bootSet() {
            return "the embedded set";
        }

        @Override
        public Duration trialTimeout() {
            return Duration.ofSeconds(300);
        }

        @Override
        public boolean restarting() {
            return false;
        }
    }
}
