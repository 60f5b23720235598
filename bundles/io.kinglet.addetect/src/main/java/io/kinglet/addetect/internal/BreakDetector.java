package io.kinglet.addetect.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds ad breaks in a stream of {@link Tick}s. The station logo is the backbone: a break starts when
 * the logo has been gone for a while and ends when it has been back for a while, so a fade to black,
 * a dark scene or a short black-and-silent transition inside the programme (the logo stays) starts
 * nothing, and adverts joined without black are still one break. The other cues place the
 * boundaries and weigh the confidence: a black-and-silent separator near a boundary moves it there;
 * a louder, faster-cut stretch after the logo went makes a start more certain.
 */
final class BreakDetector {

    /** A break: start and end in seconds (end NaN while it lasts) and how sure the detector is, 0..1. */
    record Break(double start, double end, double confidence) {
        double length() {
            return end - start;
        }
    }

    /** Told of each break as it starts and ends. */
    interface Listener {
        void started(Break b);

        void ended(Break b);
    }

    enum State {
        LEARNING,
        PROGRAMME,
        BREAK
    }

    /** A frame differing this much from the previous one (mean, 0..255) is a cut. */
    private static final double CUT = 30;
    /** How long the logo must be back to end a break. */
    private static final double PRESENT_SECONDS = 2;
    /** Black-and-silent runs shorter than this are no separator. */
    private static final double MIN_SEPARATOR = 0.2;
    /** How fast the programme's loudness and cut rate follow (per tick). */
    private static final double FOLLOW = 0.01;

    private final Thresholds thresholds;
    private final Listener listener;
    private final double tickSeconds;
    private final ArrayDeque<double[]> separators = new ArrayDeque<>();
    private final List<Break> breaks = new ArrayList<>();
    private State state = State.LEARNING;
    private double separatorStart = Double.NaN;
    private double absentSince = Double.NaN;
    private double presentSince = Double.NaN;
    private Break open;
    private double programmeLoudness = Double.NaN;
    private double programmeCuts;
    /** Since the logo went: loudness sum and count of non-silent ticks, cuts, ticks. */
    private double absentLoudness;

    private int absentAudible;
    private int absentCuts;
    private int absentTicks;
    private double last;

    BreakDetector(Thresholds thresholds, double tickSeconds, Listener listener) {
        this.thresholds = thresholds;
        this.tickSeconds = tickSeconds;
        this.listener = listener;
    }

    /** Whether the logo may learn from the current frame: not in a break, nor while the logo is gone. */
    boolean learning() {
        return state == State.LEARNING || (state == State.PROGRAMME && Double.isNaN(absentSince));
    }

    State state() {
        return state;
    }

    void accept(Tick tick) {
        last = tick.seconds() + tickSeconds;
        separators(tick);
        if (Double.isNaN(tick.logo())) {
            return;
        }
        if (state == State.LEARNING) {
            state = State.PROGRAMME;
        }
        boolean present = tick.logo() >= thresholds.logoPresent();
        if (state == State.PROGRAMME) {
            inProgramme(tick, present);
        } else {
            inBreak(tick, present);
        }
    }

    private void inProgramme(Tick tick, boolean present) {
        if (present) {
            absentSince = Double.NaN;
            if (!tick.silent(thresholds)) {
                programmeLoudness = Double.isNaN(programmeLoudness)
                        ? tick.loudness()
                        : programmeLoudness + (tick.loudness() - programmeLoudness) * FOLLOW;
            }
            programmeCuts += ((tick.change() >= CUT ? 1 : 0) - programmeCuts) * FOLLOW;
            return;
        }
        if (Double.isNaN(absentSince)) {
            absentSince = tick.seconds();
            absentLoudness = 0;
            absentAudible = 0;
            absentCuts = 0;
            absentTicks = 0;
        }
        absentTicks++;
        absentCuts += tick.change() >= CUT ? 1 : 0;
        if (!tick.silent(thresholds)) {
            absentLoudness += tick.loudness();
            absentAudible++;
        }
        if (tick.seconds() + tickSeconds - absentSince >= thresholds.logoAbsentSeconds()) {
            double[] separator = separatorNear(absentSince);
            double start = separator == null ? absentSince : separator[0];
            open = new Break(start, Double.NaN, startConfidence(separator != null));
            state = State.BREAK;
            presentSince = Double.NaN;
            listener.started(open);
        }
    }

    private void inBreak(Tick tick, boolean present) {
        if (!present) {
            presentSince = Double.NaN;
            return;
        }
        if (Double.isNaN(presentSince)) {
            presentSince = tick.seconds();
        }
        if (tick.seconds() + tickSeconds - presentSince >= PRESENT_SECONDS) {
            double[] separator = separatorNear(presentSince);
            double end = separator == null ? presentSince : separator[1];
            close(end, separator != null ? 0.2 : 0);
        }
    }

    /** The stream ended: a break still open ends with it. */
    void finish() {
        if (open != null) {
            close(last, 0);
        }
    }

    private void close(double end, double separatorBonus) {
        Break ended = new Break(open.start(), end, Math.min(1, open.confidence() + separatorBonus / 2));
        open = null;
        state = State.PROGRAMME;
        absentSince = Double.NaN;
        if (ended.length() >= thresholds.minBreakSeconds()) {
            breaks.add(ended);
        }
        listener.ended(ended);
    }

    /**
     * How sure a start is: the logo's absence alone is 0.6; a separator at the boundary, a louder and a
     * faster-cut stretch since add up to 0.4.
     */
    private double startConfidence(boolean separator) {
        double confidence = 0.6 + (separator ? 0.2 : 0);
        if (absentAudible > 0 && !Double.isNaN(programmeLoudness)) {
            double louder = absentLoudness / absentAudible - programmeLoudness;
            confidence += 0.1 * Math.max(0, Math.min(1, louder / 6));
        }
        double cutRate = absentTicks == 0 ? 0 : (double) absentCuts / absentTicks;
        confidence += cutRate > programmeCuts * 1.5 && absentCuts > 0 ? 0.1 : 0;
        return Math.min(1, confidence);
    }

    /** Tracks black-and-silent runs, keeping the last minute's. */
    private void separators(Tick tick) {
        boolean separating = tick.black(thresholds) && tick.silent(thresholds);
        if (separating && Double.isNaN(separatorStart)) {
            separatorStart = tick.seconds();
        } else if (!separating && !Double.isNaN(separatorStart)) {
            if (tick.seconds() - separatorStart >= MIN_SEPARATOR) {
                separators.addLast(new double[] {separatorStart, tick.seconds()});
            }
            separatorStart = Double.NaN;
        }
        while (!separators.isEmpty() && separators.peekFirst()[1] < tick.seconds() - 60) {
            separators.removeFirst();
        }
    }

    /** The separator closest to {@code seconds} within the snapping distance, or null. */
    private double[] separatorNear(double seconds) {
        double[] best = null;
        double bestDistance = thresholds.snapSeconds();
        for (double[] s : separators) {
            double distance = seconds < s[0] ? s[0] - seconds : seconds > s[1] ? seconds - s[1] : 0;
            if (distance <= bestDistance) {
                best = s;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The breaks ended so far that were long enough, in order. */
    List<Break> breaks() {
        return List.copyOf(breaks);
    }

    /** The break under way, if any. */
    Break current() {
        return open;
    }
}
