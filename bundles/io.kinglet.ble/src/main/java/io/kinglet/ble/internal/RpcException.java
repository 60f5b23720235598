package io.kinglet.ble.internal;

/** A command the service refuses, with the Improv error the client is told and a reason for the log. */
final class RpcException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ImprovError error;

    RpcException(ImprovError error, String reason) {
        super(reason, null, false, false);
        this.error = error;
    }

    ImprovError error() {
        return error;
    }
}
