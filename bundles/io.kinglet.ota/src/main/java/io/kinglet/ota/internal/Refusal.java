package io.kinglet.ota.internal;

/**
 * A deployment refused before it touched the running set: an HTTP status and a reason naming what was
 * wrong (what the pusher sent, or the device's storage).
 */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    static final int TOO_LARGE = 413;
    static final int UNACCEPTABLE = 422;
    static final int CONFLICT = 409;
    static final int BAD_REQUEST = 400;
    static final int SERVER_ERROR = 500;
    static final int INSUFFICIENT_STORAGE = 507;

    private final int status;

    Refusal(int status, String reason) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }
}
