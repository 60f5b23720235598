package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OtaServletTest {

    @Test
    void plainHttpIsAcceptedOnlyFromTheDeviceItself() {
        assertTrue(OtaServlet.transportAllowed(false, "127.0.0.1"));
        assertTrue(OtaServlet.transportAllowed(false, "::1"));
        assertFalse(OtaServlet.transportAllowed(false, "192.168.1.20"));
        assertFalse(OtaServlet.transportAllowed(false, "fe80::1"));
        assertFalse(OtaServlet.transportAllowed(false, "not-an-address"));
        assertTrue(OtaServlet.transportAllowed(false, "[0:0:0:0:0:0:0:1]"));
    }

    @Test
    void httpsIsAcceptedFromAnywhere() {
        assertTrue(OtaServlet.transportAllowed(true, "192.168.1.20"));
    }
}
