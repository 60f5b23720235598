package io.kinglet.led.internal;

import java.io.IOException;

/**
 * Paces an output's attempts to open its device: at most one every {@value #RETRY_SECONDS} s (the
 * frame loop writes up to 60 times a second). Between attempts the last failure is thrown again, the
 * same instance, so waiting for a device allocates nothing.
 */
final class Reopening {

    static final int RETRY_SECONDS = 2;

    private IOException failure;
    private long nextAttempt = System.nanoTime();

    /** Throws the last failure while the next attempt is not due; otherwise an attempt may begin. */
    void attempt() throws IOException {
        if (failure != null && System.nanoTime() - nextAttempt < 0) {
            throw failure;
        }
        nextAttempt = System.nanoTime() + RETRY_SECONDS * 1_000_000_000L;
    }

    /** The attempt failed with {@code e}: kept to be thrown until the next one; returned to throw now. */
    <E extends IOException> E failed(E e) {
        failure = e;
        return e;
    }

    void succeeded() {
        failure = null;
    }
}
