package io.kinglet.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocalTransportTest {

    @Test
    void plainHttpIsAcceptedOnlyFromTheDeviceItself() {
        assertTrue(LocalTransport.allowed(false, "127.0.0.1"));
        assertTrue(LocalTransport.allowed(false, "::1"));
        assertFalse(LocalTransport.allowed(false, "192.168.1.20"));
        assertFalse(LocalTransport.allowed(false, "fe80::1"));
        assertFalse(LocalTransport.allowed(false, "not-an-address"));
        assertTrue(LocalTransport.allowed(false, "[0:0:0:0:0:0:0:1]"));
    }

    @Test
    void httpsIsAcceptedFromAnywhere() {
        assertTrue(LocalTransport.allowed(true, "192.168.1.20"));
    }
}
