package io.kinglet.hawkbit.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to poll next: the server's sleep, kept within the configured bounds; after failures, the
 * shortest poll doubled at each one up to the longest. Each delay moves by up to a tenth either way,
 * so a fleet that lost its server at once does not come back in step.
 */
final class PollSchedule {

    private final Duration min;
    private final Duration max;
    private int failures;

    PollSchedule(Duration min, Duration max) {
        this.min = min;
        this.max = max.compareTo(min) < 0 ? min : max;
    }

    Duration afterAnswer(Duration serverSleep) {
        failures = 0;
        Duration sleep = serverSleep.compareTo(min) < 0 ? min : serverSleep.compareTo(max) > 0 ? max : serverSleep;
        return jitter(sleep);
    }

    Duration afterFailure() {
        failures = Math.min(failures + 1, 30);
        long millis = min.toMillis() << Math.min(failures - 1, 20);
        return jitter(Duration.ofMillis(Math.min(millis, max.toMillis())));
    }

    int failures() {
        return failures;
    }

    private static Duration jitter(Duration d) {
        long spread = d.toMillis() / 10;
        return spread == 0 ? d : d.plusMillis(ThreadLocalRandom.current().nextLong(-spread, spread + 1));
    }
}
