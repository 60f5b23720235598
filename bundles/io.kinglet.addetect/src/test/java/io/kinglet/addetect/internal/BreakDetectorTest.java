package io.kinglet.addetect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisions on ticks made up here, a tenth of a second each, without ffmpeg. */
class BreakDetectorTest {

    private static final double TICK = 0.1;

    /** Feeds ticks; records what the listener was told. */
    private static final class Ticks implements BreakDetector.Listener {
        final List<String> told = new ArrayList<>();
        final BreakDetector detector = new BreakDetector(Thresholds.defaults(), TICK, this);
        double t;

        /** {@code seconds} of one kind of picture and sound. */
        Ticks add(double seconds, double luma, double loudness, double logo, double change) {
            for (int i = 0; i < Math.round(seconds / TICK); i++) {
                detector.accept(new Tick(t, luma, luma == 0 ? 0 : 60, change, loudness, logo));
                t = Math.round((t + TICK) * 10) / 10.0;
            }
            return this;
        }

        Ticks programme(double seconds) {
            return add(seconds, 120, -30, 0.95, 5);
        }

        Ticks separator(double seconds) {
            return add(seconds, 0, Tick.SILENCE_DBFS, 0.0, 0);
        }

        Ticks adverts(double seconds) {
            return add(seconds, 130, -15, 0.1, 40);
        }

        @Override
        public void started(BreakDetector.Break b) {
            told.add(String.format("started %.1f", b.start()));
        }

        @Override
        public void ended(BreakDetector.Break b) {
            told.add(String.format("ended %.1f", b.end()));
        }
    }

    @Test
    void aBreakBetweenSeparatorsTakesTheirBoundariesAndIsSure() {
        Ticks feed = new Ticks()
                .programme(20)
                .separator(0.5)
                .adverts(25)
                .separator(0.5)
                .programme(10);
        List<BreakDetector.Break> breaks = feed.detector.breaks();
        assertThat(breaks).hasSize(1);
        assertThat(breaks.get(0).start()).isCloseTo(20.0, within(0.05));
        assertThat(breaks.get(0).end()).isCloseTo(46.0, within(0.05));
        // a separator at each end, louder and faster cut than the programme
        assertThat(breaks.get(0).confidence()).isGreaterThanOrEqualTo(0.9);
        // told live: once the logo had been gone 4 s, and once it had been back 2 s
        assertThat(feed.told).containsExactly("started 20.0", "ended 46.0");
    }

    @Test
    void withoutSeparatorsTheLogosAbsenceAloneMarksTheBreakWithLessConfidence() {
        Ticks feed = new Ticks().programme(20).add(30, 120, -30, 0.1, 5).programme(10);
        BreakDetector.Break found = feed.detector.breaks().get(0);
        assertThat(found.start()).isCloseTo(20.0, within(0.05));
        assertThat(found.end()).isCloseTo(50.0, within(0.05));
        assertThat(found.confidence()).isCloseTo(0.6, within(0.01));
    }

    @Test
    void theLogoGoneForLessThanFourSecondsIsNoBreak() {
        Ticks feed =
                new Ticks().programme(20).separator(1).add(2.5, 30, -40, 0.2, 5).programme(20);
        assertThat(feed.detector.breaks()).isEmpty();
        assertThat(feed.told).isEmpty();
    }

    @Test
    void aShortBreakIsToldButNotKeptAndNothingIsDecidedBeforeTheLogoIsKnown() {
        Ticks feed = new Ticks().add(5, 120, -30, Double.NaN, 5);
        assertThat(feed.detector.state()).isEqualTo(BreakDetector.State.LEARNING);
        feed.programme(20).adverts(10).programme(5);
        assertThat(feed.told).containsExactly("started 25.0", "ended 35.0");
        assertThat(feed.detector.breaks()).isEmpty();
    }

    @Test
    void aBreakStillOnWhenTheStreamEndsEndsWithIt() {
        Ticks feed = new Ticks().programme(20).separator(0.5).adverts(30);
        assertThat(feed.detector.current()).isNotNull();
        assertThat(feed.detector.learning()).isFalse();
        feed.detector.finish();
        assertThat(feed.detector.breaks()).singleElement().satisfies(b -> {
            assertThat(b.start()).isCloseTo(20.0, within(0.05));
            assertThat(b.end()).isCloseTo(50.5, within(0.05));
        });
    }
}
