package io.kinglet.boot;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which requests may come over plain HTTP: those from the device itself (the shell, a local
 * TLS-terminating proxy). Secrets (the OTA token, the console's password) and artifacts must not
 * cross a network in clear, so anything remote needs HTTPS.
 */
public final class LocalTransport {

    private LocalTransport() {}

    /** Whether a request, secure or not, from {@code remoteAddress} (an IP literal) may be served. */
    public static boolean allowed(boolean secure, String remoteAddress) {
        if (secure) {
            return true;
        }
        String literal = remoteAddress == null ? "" : remoteAddress.replaceAll("^\\[|\\]$", "");
        // only an IP literal: getByName must never turn into a DNS lookup here
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
