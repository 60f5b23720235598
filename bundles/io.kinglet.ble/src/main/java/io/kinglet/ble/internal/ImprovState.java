package io.kinglet.ble.internal;

/** The Improv service's states, with the byte the current-state characteristic carries. */
enum ImprovState {
    AUTHORIZATION_REQUIRED(0x01),
    AUTHORIZED(0x02),
    PROVISIONING(0x03),
    PROVISIONED(0x04);

    /** Event Admin topics are {@code io/kinglet/ble/<STATE>}. */
    static final String TOPIC_PREFIX = "io/kinglet/ble/";

    final byte code;

    ImprovState(int code) {
        this.code = (byte) code;
    }

    String topic() {
        return TOPIC_PREFIX + name();
    }
}
