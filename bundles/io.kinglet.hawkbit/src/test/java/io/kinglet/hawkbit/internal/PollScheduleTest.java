package io.kinglet.hawkbit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private final PollSchedule schedule = new PollSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void theServersSleepIsFollowedWithinTheBoundsAndATenthOfJitter() {
        assertThat(schedule.afterAnswer(Duration.ofSeconds(60)).toMillis()).isBetween(54_000L, 66_000L);
        assertThat(schedule.afterAnswer(Duration.ofSeconds(1)).toMillis()).isBetween(9_000L, 11_000L);
        assertThat(schedule.afterAnswer(Duration.ofHours(12)).toMillis()).isBetween(270_000L, 330_000L);
    }

    @Test
    void failuresBackOffFromTheShortestPollToTheLongestAndAnAnswerResets() {
        long[] expected = {10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000};
        for (long millis : expected) {
            assertThat(schedule.afterFailure().toMillis()).isBetween(millis * 9 / 10, millis * 11 / 10);
        }
        assertThat(schedule.failures()).isEqualTo(7);

        schedule.afterAnswer(Duration.ofSeconds(30));

        assertThat(schedule.failures()).isZero();
        assertThat(schedule.afterFailure().toMillis()).isBetween(9_000L, 11_000L);
    }
}
