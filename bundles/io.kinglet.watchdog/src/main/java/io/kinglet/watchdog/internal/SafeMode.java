package io.kinglet.watchdog.internal;

import io.kinglet.boot.BootStatus;

/** The one sentence that says what safe mode is doing, the same in the shell and in /health. */
final class SafeMode {

    private SafeMode() {}

    static String describe(BootStatus boot) {
        return boot.bootsWithoutReady() + " boots without ready; booted " + boot.bootSet() + "; not started: "
                + (boot.optional().isEmpty()
                        ? "nothing (no optional capabilities configured)"
                        : String.join(", ", boot.optional()))
                + "; watchdog:ack or " + boot.leaveSafeModeAfter().toSeconds() + " s of ready ends it";
    }
}
