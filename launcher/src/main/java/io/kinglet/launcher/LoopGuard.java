package io.kinglet.launcher;

import io.kinglet.boot.BootCount;
import io.kinglet.boot.BootStatus;
import io.kinglet.boot.CheckedFiles;
import io.kinglet.boot.DamagedFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reboot-loop guard's launcher half: every boot is counted before the framework starts, and a
 * boot that follows {@code kinglet.safeMode.after} boots in a row without ready comes up in safe mode.
 * The watchdog bundle sets the count back to 0 when a boot reaches ready in time, so only boots that
 * never get there add up. Remote devices must break such a loop by themselves.
 */
final class LoopGuard {

    static final String AFTER = "kinglet.safeMode.after";
    static final String READY_WITHIN = "kinglet.safeMode.readyWithinSeconds";
    static final String LEAVE_AFTER = "kinglet.safeMode.leaveAfterSeconds";
    static final String OPTIONAL = "kinglet.safeMode.optional";

    /** The bundles safe mode needs: they can never be optional. */
    private static final Set<String> SPINE = Set.of(
            "io.kinglet.watchdog",
            "io.kinglet.ota",
            "io.kinglet.health",
            "io.kinglet.config",
            "io.kinglet.shell",
            "io.kinglet.logging");

    record Settings(int after, Duration readyWithin, Duration leaveAfter, List<String> optional) {

        static void defaults(Map<String, String> p) {
            p.putIfAbsent(AFTER, "3");
            p.putIfAbsent(READY_WITHIN, "300");
            p.putIfAbsent(LEAVE_AFTER, "1800");
            p.putIfAbsent(OPTIONAL, "");
        }

        static Settings from(Map<String, String> p) {
            List<String> optional = Arrays.stream(p.get(OPTIONAL).split(","))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .toList();
            for (String name : optional) {
                if (SPINE.contains(name)) {
                    throw new IllegalArgumentException(OPTIONAL + " names " + name
                            + ", which safe mode itself needs; name only capabilities the device can do without");
                }
            }
            return new Settings(
                    positive(p, AFTER),
                    Duration.ofSeconds(positive(p, READY_WITHIN)),
                    Duration.ofSeconds(positive(p, LEAVE_AFTER)),
                    optional);
        }

        private static int positive(Map<String, String> p, String name) {
            try {
                int value = Integer.parseInt(p.get(name).strip());
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException(name + " must be a whole number above 0, not '" + p.get(name) + "'");
        }
    }

    /** This boot: the boots without ready before it, whether it is in safe mode, and damage to say. */
    record Boot(int withoutReady, boolean safeMode, List<String> damage) {}

    private LoopGuard() {}

    /** Counts this boot. A damaged counter is kept aside and counting starts again at 0. */
    static Boot count(Path stateDir, Settings settings) throws IOException {
        List<String> damage = new ArrayList<>();
        int before;
        try {
            before = BootCount.read(stateDir);
        } catch (DamagedFileException e) {
            Path aside = CheckedFiles.quarantine(e.file());
            damage.add(e.getMessage() + "; kept as " + aside.getFileName() + "; counting boots without ready from 0");
            before = 0;
        }
        BootCount.write(stateDir, before + 1);
        return new Boot(before, before >= settings.after(), List.copyOf(damage));
    }

    /** What the launcher registers for the bundles; {@code restarting} is the launcher's own flag. */
    record Status(
            Instant started,
            boolean safeMode,
            int bootsWithoutReady,
            int safeModeAfter,
            Duration readyWithin,
            Duration leaveSafeModeAfter,
            List<String> optional,
            String bootSet,
            boolean trial,
            Duration trialTimeout,
            AtomicBoolean restartFlag)
            implements BootStatus {

        @Override
        public boolean restarting() {
            return restartFlag.get();
        }
    }
}
