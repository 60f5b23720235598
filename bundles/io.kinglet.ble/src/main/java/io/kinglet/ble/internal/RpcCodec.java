package io.kinglet.ble.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Improv's RPC framing: {@code command, data length, data…, checksum}, the checksum being the low byte
 * of the sum of every byte before it. Results carry a list of strings, each prefixed by its length.
 */
final class RpcCodec {

    /** Command, length and checksum around the data. */
    static final int OVERHEAD = 3;

    static final int MAX_DATA = 255;
    static final int MAX_SSID_BYTES = 32;
    static final int MIN_PASSPHRASE = 8;
    static final int MAX_PASSPHRASE = 63;

    private RpcCodec() {}

    static RpcCommand decode(byte[] frame) throws RpcException {
        if (frame.length < OVERHEAD) {
            throw invalid("a packet of " + frame.length + " bytes is shorter than command, length and checksum");
        }
        int length = frame[1] & 0xFF;
        if (length != frame.length - OVERHEAD) {
            throw invalid("the packet declares " + length + " data bytes but carries " + (frame.length - OVERHEAD));
        }
        int checksum = checksum(frame, frame.length - 1);
        if ((frame[frame.length - 1] & 0xFF) != checksum) {
            throw invalid(String.format(
                    "bad checksum 0x%02x (the bytes sum to 0x%02x)", frame[frame.length - 1] & 0xFF, checksum));
        }
        int command = frame[0] & 0xFF;
        return switch (command) {
            case RpcCommand.WIFI_SETTINGS -> wifiSettings(ByteBuffer.wrap(frame, 2, length));
            case RpcCommand.IDENTIFY -> noData(new RpcCommand.Identify(), length);
            case RpcCommand.DEVICE_INFO -> noData(new RpcCommand.DeviceInfo(), length);
            case RpcCommand.SCAN -> noData(new RpcCommand.Scan(), length);
            default ->
                throw new RpcException(ImprovError.UNKNOWN_RPC, String.format("unknown command 0x%02x", command));
        };
    }

    /** A result packet for {@code command}; the strings must fit in 255 data bytes (see {@link #size}). */
    static byte[] result(int command, List<String> strings) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            data.write(bytes.length);
            data.writeBytes(bytes);
        }
        if (data.size() > MAX_DATA) {
            throw new IllegalArgumentException("a result of " + data.size() + " data bytes does not fit in one packet");
        }
        byte[] frame = new byte[data.size() + OVERHEAD];
        frame[0] = (byte) command;
        frame[1] = (byte) data.size();
        System.arraycopy(data.toByteArray(), 0, frame, 2, data.size());
        frame[frame.length - 1] = (byte) checksum(frame, frame.length - 1);
        return frame;
    }

    /**
     * The scan command's result: SSID, RSSI and authentication of each network, as many of the first
     * (strongest) as fit in one packet's 255 data bytes.
     */
    static byte[] scanResult(List<WifiBackend.Network> networks) {
        List<String> strings = new ArrayList<>();
        int size = 0;
        for (WifiBackend.Network n : networks) {
            List<String> entry = List.of(n.ssid(), Integer.toString(n.rssi()), n.auth());
            int entrySize = entry.stream().mapToInt(RpcCodec::size).sum();
            if (size + entrySize > MAX_DATA) {
                break;
            }
            strings.addAll(entry);
            size += entrySize;
        }
        return result(RpcCommand.SCAN, strings);
    }

    /** The data bytes {@code s} takes in a result: its length byte and its UTF-8 bytes. */
    private static int size(String s) {
        return 1 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    static int checksum(byte[] bytes, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += bytes[i] & 0xFF;
        }
        return sum & 0xFF;
    }

    private static RpcCommand wifiSettings(ByteBuffer data) throws RpcException {
        byte[] ssid = field(data, "SSID");
        byte[] passphrase = field(data, "passphrase");
        if (data.hasRemaining()) {
            throw invalid(data.remaining() + " bytes after the passphrase");
        }
        if (ssid.length == 0 || ssid.length > MAX_SSID_BYTES) {
            throw invalid("an SSID of " + ssid.length + " bytes (1 to " + MAX_SSID_BYTES + " allowed)");
        }
        String text = utf8(passphrase);
        if (!text.isEmpty() && (text.length() < MIN_PASSPHRASE || text.length() > MAX_PASSPHRASE)) {
            throw invalid("a passphrase of " + text.length() + " characters (WPA-PSK takes " + MIN_PASSPHRASE + " to "
                    + MAX_PASSPHRASE + ", or none for an open network)");
        }
        if (!text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw invalid("a passphrase with characters outside printable ASCII, which WPA-PSK does not allow");
        }
        return new RpcCommand.WifiSettings(ssid, text);
    }

    private static byte[] field(ByteBuffer data, String what) throws RpcException {
        if (!data.hasRemaining()) {
            throw invalid("the " + what + " length is missing");
        }
        int length = data.get() & 0xFF;
        if (length > data.remaining()) {
            throw invalid("the " + what + " declares " + length + " bytes but " + data.remaining() + " remain");
        }
        byte[] value = new byte[length];
        data.get(value);
        return value;
    }

    private static String utf8(byte[] bytes) throws RpcException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("a passphrase that is not UTF-8");
        }
    }

    private static RpcCommand noData(RpcCommand command, int length) throws RpcException {
        if (length != 0) {
            throw invalid("command 0x0" + command.id() + " takes no data but carries " + length + " bytes");
        }
        return command;
    }

    private static RpcException invalid(String reason) {
        return new RpcException(ImprovError.INVALID_RPC, reason);
    }
}
