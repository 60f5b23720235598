package io.kinglet.sensehat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinglet.sensehat.api.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingHistoryTest {

    private static Map<Quantity, SenseHat.Reading> sample(Instant at, double temperature) {
        return Map.of(Quantity.TEMPERATURE, new SenseHat.Reading(Quantity.TEMPERATURE, temperature, "HTS221", at));
    }

    @Test
    void keepsTheLastHourAndOverwritesTheOldest() {
        ReadingHistory history = new ReadingHistory(Duration.ofMinutes(10), null);
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 0; i < 8; i++) {
            history.sampled(sample(start.plus(Duration.ofMinutes(10L * i)), 20 + i));
        }

        List<Series> all = history.history(Instant.EPOCH);
        assertThat(all).hasSize(1);
        Series temperature = all.get(0);
        assertThat(temperature.quantity()).isEqualTo("temperature");
        assertThat(temperature.unit()).isEqualTo("°C");
        // an hour at one sample per ten minutes: the six newest of eight
        assertThat(temperature.values()).containsExactly(22, 23, 24, 25, 26, 27);
        assertThat(temperature.times()[0])
                .isEqualTo(start.plus(Duration.ofMinutes(20)).toEpochMilli());
    }

    @Test
    void givesOnlyTheSamplesAfterTheTimeAskedFor() {
        ReadingHistory history = new ReadingHistory(Duration.ofSeconds(10), null);
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            history.sampled(sample(start.plusSeconds(10L * i), i));
        }

        assertThat(history.history(start.plusSeconds(20)).get(0).values()).containsExactly(3, 4);
        assertThat(history.history(start.plusSeconds(40))).isEmpty();
    }
}
