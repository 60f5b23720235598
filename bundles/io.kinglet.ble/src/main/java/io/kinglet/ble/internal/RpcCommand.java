package io.kinglet.ble.internal;

import java.nio.charset.StandardCharsets;

/** A decoded Improv RPC command. */
sealed interface RpcCommand {

    int WIFI_SETTINGS = 0x01;
    int IDENTIFY = 0x02;
    int DEVICE_INFO = 0x03;
    int SCAN = 0x04;

    int id();

    /**
     * Credentials to connect with. The SSID is kept as the bytes sent (an SSID is up to 32 arbitrary
     * bytes); the passphrase never appears in {@link #toString()}, so a log line cannot carry it.
     */
    record WifiSettings(byte[] ssid, String passphrase) implements RpcCommand {
        @Override
        public int id() {
            return WIFI_SETTINGS;
        }

        String ssidText() {
            return new String(ssid, StandardCharsets.UTF_8);
        }

        boolean open() {
            return passphrase.isEmpty();
        }

        @Override
        public String toString() {
            return "Wi-Fi settings for \"" + ssidText() + "\" (" + (open() ? "open" : "WPA-PSK") + ")";
        }
    }

    record Identify() implements RpcCommand {
        @Override
        public int id() {
            return IDENTIFY;
        }
    }

    record DeviceInfo() implements RpcCommand {
        @Override
        public int id() {
            return DEVICE_INFO;
        }
    }

    record Scan() implements RpcCommand {
        @Override
        public int id() {
            return SCAN;
        }
    }
}
