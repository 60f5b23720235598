package io.kinglet.telemetry.internal;

import org.slf4j.Logger;

/**
 * Logs dropped or refused messages once per burst: the first drop at once, then, ten seconds on,
 * one line with how many more followed, so a full queue is never silent and never floods the log.
 */
final class DropLog {

    private static final long BURST_NANOS = 10_000_000_000L;

    private final Logger log;
    private boolean inBurst;
    private long burstStart;
    private long more;
    private String reason;

    DropLog(Logger log) {
        this.log = log;
    }

    synchronized void dropped(int count, String why) {
        tick();
        if (!inBurst) {
            inBurst = true;
            burstStart = System.nanoTime();
            log.warn("Telemetry: {} ({} message{})", why, count, count == 1 ? "" : "s");
            return;
        }
        more += count;
        reason = why;
    }

    /** Ends a burst that is over, with its summary line. */
    synchronized void tick() {
        if (inBurst && System.nanoTime() - burstStart > BURST_NANOS) {
            flush();
        }
    }

    /** Ends the current burst now. */
    synchronized void flush() {
        if (more > 0) {
            log.warn(
                    "Telemetry: {} ({} more messages in the last {} s)",
                    reason,
                    more,
                    (System.nanoTime() - burstStart) / 1_000_000_000L);
        }
        inBurst = false;
        more = 0;
    }
}
