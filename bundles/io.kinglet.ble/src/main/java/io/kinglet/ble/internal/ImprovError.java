package io.kinglet.ble.internal;

/** The error-state characteristic's values, as the Improv specification defines them. */
enum ImprovError {
    NONE(0x00),
    INVALID_RPC(0x01),
    UNKNOWN_RPC(0x02),
    UNABLE_TO_CONNECT(0x03),
    NOT_AUTHORIZED(0x04),
    UNKNOWN(0xFF);

    final byte code;

    ImprovError(int code) {
        this.code = (byte) code;
    }
}
