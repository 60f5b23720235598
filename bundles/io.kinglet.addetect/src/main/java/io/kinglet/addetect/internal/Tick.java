package io.kinglet.addetect.internal;

/**
 * What one tenth of a second of the feed looked and sounded like: the cues the detector weighs.
 *
 * @param seconds from the start of the stream
 * @param luma mean brightness of the frame, 0..255
 * @param contrast standard deviation of its brightness
 * @param change mean absolute difference from the previous frame, 0..255 (a cut is a large one)
 * @param loudness RMS level of the audio in dBFS (-96 for digital silence)
 * @param logo how much of the learned logo is on screen, 0..1; NaN while no logo has been learned
 */
record Tick(double seconds, double luma, double contrast, double change, double loudness, double logo) {

    static final double SILENCE_DBFS = -96;

    boolean black(Thresholds t) {
        return luma <= t.blackLuma() && contrast <= t.blackContrast();
    }

    boolean silent(Thresholds t) {
        return loudness <= t.silenceDbfs();
    }
}
