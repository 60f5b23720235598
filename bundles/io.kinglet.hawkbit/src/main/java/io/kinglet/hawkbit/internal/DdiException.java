package io.kinglet.hawkbit.internal;

/** The server answered something the client cannot act on; the message names what and why. */
final class DdiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when the answer arrived but made no sense. */
    private final int status;

    DdiException(String message) {
        this(message, 0);
    }

    DdiException(String message, int status) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
