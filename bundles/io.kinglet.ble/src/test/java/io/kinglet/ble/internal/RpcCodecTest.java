package io.kinglet.ble.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcCodecTest {

    /** A packet as a client builds it: command, length, data, low byte of the sum. */
    static byte[] packet(int command, byte[] data) {
        byte[] frame = new byte[data.length + 3];
        frame[0] = (byte) command;
        frame[1] = (byte) data.length;
        System.arraycopy(data, 0, frame, 2, data.length);
        int sum = 0;
        for (int i = 0; i < frame.length - 1; i++) {
            sum += frame[i] & 0xFF;
        }
        frame[frame.length - 1] = (byte) sum;
        return frame;
    }

    static byte[] wifi(String ssid, String passphrase) {
        byte[] s = ssid.getBytes(StandardCharsets.UTF_8);
        byte[] p = passphrase.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[s.length + p.length + 2];
        data[0] = (byte) s.length;
        System.arraycopy(s, 0, data, 1, s.length);
        data[s.length + 1] = (byte) p.length;
        System.arraycopy(p, 0, data, s.length + 2, p.length);
        return packet(RpcCommand.WIFI_SETTINGS, data);
    }

    @Test
    void decodesTheSpecificationsExample() throws Exception {
        // the example on improv-wifi.com/ble, checksum included, as the sdk-ble-js client sends it
        byte[] frame = HexFormat.of()
                .parseHex("011e0c4d79576972656c6573734150106d7973656375726570617373776f7264"
                        + String.format(
                                "%02x",
                                RpcCodec.checksum(
                                        HexFormat.of()
                                                .parseHex(
                                                        "011e0c4d79576972656c6573734150106d7973656375726570617373776f7264"),
                                        32)));
        RpcCommand command = RpcCodec.decode(frame);
        assertThat(command).isInstanceOf(RpcCommand.WifiSettings.class);
        RpcCommand.WifiSettings settings = (RpcCommand.WifiSettings) command;
        assertThat(settings.ssidText()).isEqualTo("MyWirelessAP");
        assertThat(settings.passphrase()).isEqualTo("mysecurepassword");
        assertThat(settings.toString()).doesNotContain("mysecurepassword").contains("MyWirelessAP");
    }

    @Test
    void decodesCommandsWithoutData() throws Exception {
        assertThat(RpcCodec.decode(packet(2, new byte[0]))).isInstanceOf(RpcCommand.Identify.class);
        assertThat(RpcCodec.decode(packet(3, new byte[0]))).isInstanceOf(RpcCommand.DeviceInfo.class);
        assertThat(RpcCodec.decode(packet(4, new byte[0]))).isInstanceOf(RpcCommand.Scan.class);
        assertThat(RpcCodec.decode(wifi("open-cafe", "")))
                .satisfies(c -> assertThat(((RpcCommand.WifiSettings) c).open()).isTrue());
    }

    @Test
    void refusesEachMalformedPacketWithTheDefinedError() {
        byte[] good = wifi("home", "passphrase1");
        byte[] badSum = good.clone();
        badSum[badSum.length - 1]++;
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertInvalid(new byte[] {1, 0}, "shorter than");
        assertInvalid(badSum, "bad checksum");
        assertInvalid(longer, "declares");
        assertInvalid(packet(2, new byte[] {1}), "takes no data");
        assertInvalid(packet(1, new byte[] {5, 'a'}), "SSID declares 5 bytes");
        assertInvalid(packet(1, new byte[] {1, 'a'}), "passphrase length is missing");
        assertInvalid(wifi("", "passphrase1"), "SSID of 0 bytes");
        assertInvalid(wifi("x".repeat(33), "passphrase1"), "SSID of 33 bytes");
        assertInvalid(wifi("home", "short"), "5 characters");
        assertInvalid(wifi("home", "p".repeat(64)), "64 characters");
        assertInvalid(wifi("home", "pässphrase"), "printable ASCII");
        assertInvalid(packet(1, new byte[] {1, 'a', 2, (byte) 0xC3, (byte) 0x28}), "not UTF-8");
        assertThatThrownBy(() -> RpcCodec.decode(packet(0x42, new byte[0])))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.error()).isEqualTo(ImprovError.UNKNOWN_RPC))
                .hasMessageContaining("0x42");
    }

    @Test
    void aRefusalNeverCarriesThePassphrase() {
        assertThatThrownBy(() -> RpcCodec.decode(wifi("home", "secret!"))).hasMessageNotContaining("secret!");
    }

    @Test
    void encodesResultsAsLengthPrefixedStringsWithTheChecksum() {
        byte[] result = RpcCodec.result(1, List.of("http://10.0.0.2:8080/"));
        assertThat(result[0]).isEqualTo((byte) 1);
        assertThat(result[1] & 0xFF).isEqualTo(22);
        assertThat(result[2] & 0xFF).isEqualTo(21);
        assertThat(new String(result, 3, 21, StandardCharsets.UTF_8)).isEqualTo("http://10.0.0.2:8080/");
        assertThat(result[result.length - 1] & 0xFF).isEqualTo(RpcCodec.checksum(result, result.length - 1));
        assertThat(RpcCodec.result(4, List.of())).containsExactly(4, 0, 4);
    }

    private static void assertInvalid(byte[] frame, String reason) {
        assertThatThrownBy(() -> RpcCodec.decode(frame))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.error()).isEqualTo(ImprovError.INVALID_RPC))
                .hasMessageContaining(reason);
    }

    @Test
    void aScanResultHoldsTheStrongestNetworksThatFitInOnePacket() {
        List<WifiBackend.Network> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new WifiBackend.Network("network-" + i, -40 - i, "WPA2"));
        }
        byte[] packet = RpcCodec.scanResult(many);
        assertThat(packet[1] & 0xFF).isLessThanOrEqualTo(255);
        // an entry takes 1+9 (or 1+10) bytes of SSID, 1+3 of RSSI, 1+4 of WPA2: 10 x 19 + 3 x 20 = 250
        String text = new String(packet, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("network-0").contains("network-12").doesNotContain("network-13");
        assertThat(packet[packet.length - 1] & 0xFF).isEqualTo(RpcCodec.checksum(packet, packet.length - 1));
    }
}
