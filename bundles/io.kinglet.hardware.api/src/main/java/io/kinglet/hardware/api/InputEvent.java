package io.kinglet.hardware.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * One Linux evdev record ({@code struct input_event}), as read from {@code /dev/input/eventN}: time,
 * type, code, value. Its size follows the reading process, not the kernel: a 32-bit JVM gets 16-byte
 * records (32-bit {@code timeval}) even from a 64-bit kernel, a 64-bit JVM 24-byte ones. Readers and
 * the simulation's writer share this layout so they always agree.
 *
 * @param time when the kernel stamped the event (microsecond resolution)
 * @param type {@link #EV_SYN}, {@link #EV_KEY}, ...
 * @param code the key or axis, e.g. 28 for {@code KEY_ENTER}
 * @param value for a key: 0 released, 1 pressed, 2 auto-repeat
 */
public record InputEvent(Instant time, int type, int code, int value) {

    public static final int EV_SYN = 0;
    public static final int EV_KEY = 1;

    /** Bytes per record for this JVM: two C longs of time, then u16 type, u16 code, s32 value. */
    public static final int SIZE = "32".equals(System.getProperty("sun.arch.data.model")) ? 16 : 24;

    /** Decodes one record of {@link #SIZE} bytes (little-endian, as on every Pi). */
    public static InputEvent decode(byte[] record) {
        return decode(record, SIZE);
    }

    /** This record as {@link #SIZE} bytes. */
    public byte[] encode() {
        return encode(SIZE);
    }

    static InputEvent decode(byte[] record, int size) {
        if (record.length != size) {
            throw new IllegalArgumentException("an input event is " + size + " bytes here, not " + record.length);
        }
        ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        long seconds = size == 16 ? b.getInt() : b.getLong();
        long micros = size == 16 ? b.getInt() : b.getLong();
        int type = Short.toUnsignedInt(b.getShort());
        int code = Short.toUnsignedInt(b.getShort());
        return new InputEvent(Instant.ofEpochSecond(seconds, micros * 1000), type, code, b.getInt());
    }

    byte[] encode(int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        long micros = time.getNano() / 1000;
        if (size == 16) {
            b.putInt((int) time.getEpochSecond()).putInt((int) micros);
        } else {
            b.putLong(time.getEpochSecond()).putLong(micros);
        }
        return b.putShort((short) type).putShort((short) code).putInt(value).array();
    }
}
