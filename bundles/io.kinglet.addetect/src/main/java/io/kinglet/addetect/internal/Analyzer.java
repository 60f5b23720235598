package io.kinglet.addetect.internal;

/**
 * Turns one frame and the audio that goes with it into a {@link Tick}: brightness, uniformity and
 * change from the previous frame, the audio's level, and how much of the learned logo is on screen.
 * Allocates nothing per tick.
 */
final class Analyzer {

    private final LogoModel logo;
    private final byte[] previous;
    private boolean first = true;

    Analyzer(LogoModel logo) {
        this.logo = logo;
        this.previous = new byte[logo.width() * logo.height()];
    }

    /**
     * @param frame grey pixels, row by row, of the model's size
     * @param audio signed 16-bit mono samples of the same tenth of a second ({@code count} of them)
     * @param learn whether the logo may learn from this frame (only during programme)
     */
    Tick tick(double seconds, byte[] frame, short[] audio, int count, boolean learn) {
        long sum = 0;
        long squares = 0;
        long change = 0;
        for (int i = 0; i < previous.length; i++) {
            int v = frame[i] & 0xFF;
            sum += v;
            squares += (long) v * v;
            change += Math.abs(v - (previous[i] & 0xFF));
        }
        int n = previous.length;
        double mean = (double) sum / n;
        double contrast = Math.sqrt(Math.max(0, (double) squares / n - mean * mean));
        double moved = first ? 0 : (double) change / n;
        first = false;
        System.arraycopy(frame, 0, previous, 0, n);
        return new Tick(seconds, mean, contrast, moved, level(audio, count), logo.observe(frame, learn));
    }

    /** RMS level in dBFS; digital silence (or no samples) is {@value Tick#SILENCE_DBFS}. */
    static double level(short[] samples, int count) {
        if (count == 0) {
            return Tick.SILENCE_DBFS;
        }
        double energy = 0;
        for (int i = 0; i < count; i++) {
            energy += (double) samples[i] * samples[i];
        }
        double rms = Math.sqrt(energy / count) / 32768.0;
        return rms <= 0 ? Tick.SILENCE_DBFS : Math.max(Tick.SILENCE_DBFS, 20 * Math.log10(rms));
    }

    LogoModel logo() {
        return logo;
    }
}
