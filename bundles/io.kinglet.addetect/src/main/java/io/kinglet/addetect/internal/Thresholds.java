package io.kinglet.addetect.internal;

/**
 * The detector's settings.
 *
 * @param blackLuma a frame at most this bright (0..255) ...
 * @param blackContrast ... and this uniform is black
 * @param silenceDbfs audio at most this loud is silence
 * @param logoPresent the logo counts as on screen from this share of its edges
 * @param logoAbsentSeconds the logo gone this long (with nothing else) starts a break
 * @param minBreakSeconds shorter breaks are dropped
 * @param snapSeconds a break's boundary moves to a black+silence separator this near
 */
record Thresholds(
        double blackLuma,
        double blackContrast,
        double silenceDbfs,
        double logoPresent,
        double logoAbsentSeconds,
        double minBreakSeconds,
        double snapSeconds) {

    /** The configured ones; the rest as {@link #defaults()}. */
    static Thresholds of(AdDetectConfiguration config) {
        Thresholds d = defaults();
        return new Thresholds(
                config.blackLuma(),
                d.blackContrast(),
                config.silenceDbfs(),
                d.logoPresent(),
                config.logoAbsentSeconds(),
                config.minBreakSeconds(),
                d.snapSeconds());
    }

    static Thresholds defaults() {
        return new Thresholds(24, 8, -50, 0.5, 4, 20, 3);
    }
}
