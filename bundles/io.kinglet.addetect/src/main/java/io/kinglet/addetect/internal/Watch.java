package io.kinglet.addetect.internal;

/**
 * One decoding run's analysis, the same for a live feed and a scan: each frame of the decoder's size
 * becomes a {@link Tick} and goes to the {@link BreakDetector}, the logo learning only while the
 * detector allows it.
 */
final class Watch {

    /** How long the programme is watched before the learned logo counts. */
    private static final double LEARN_SECONDS = 10;

    private final Analyzer analyzer =
            new Analyzer(new LogoModel(FfmpegDecoder.WIDTH, FfmpegDecoder.HEIGHT, FfmpegDecoder.FPS, LEARN_SECONDS));
    private final BreakDetector detector;

    Watch(Thresholds thresholds, BreakDetector.Listener listener) {
        this.detector = new BreakDetector(thresholds, 1.0 / FfmpegDecoder.FPS, listener);
    }

    Tick frame(double seconds, byte[] grey, short[] audio, int count) {
        Tick tick = analyzer.tick(seconds, grey, audio, count, detector.learning());
        detector.accept(tick);
        return tick;
    }

    BreakDetector detector() {
        return detector;
    }
}
