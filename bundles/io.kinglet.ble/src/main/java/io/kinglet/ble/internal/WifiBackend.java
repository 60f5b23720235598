package io.kinglet.ble.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where Wi-Fi credentials go: scanning and connecting (NetworkManager on a device). */
interface WifiBackend {

    /** A network in range: the SSID, its signal in dBm and its authentication as Improv names it. */
    record Network(String ssid, int rssi, String auth) {}

    /** A failure to report as "unable to connect", with the reason for the log (never a credential). */
    final class WifiException extends Exception {
        private static final long serialVersionUID = 1L;

        WifiException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Networks in range, strongest first, one entry per SSID. */
    List<Network> scan() throws WifiException;

    /**
     * Connects with these credentials and waits until the connection is up or has failed, at most
     * {@code timeout}. Returns the IPv4 address obtained, when known.
     */
    Optional<String> connect(RpcCommand.WifiSettings settings, Duration timeout) throws WifiException;
}
