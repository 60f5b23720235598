package io.kinglet.hardware.sim.internal;

/** Little-endian decoding, written from the datasheets' register tables (not from the models). */
final class Bytes {

    private Bytes() {}

    static int u8(byte b) {
        return b & 0xFF;
    }

    static int s16(byte[] data, int offset) {
        return (short) (u8(data[offset]) | u8(data[offset + 1]) << 8);
    }

    static int u16(byte[] data, int offset) {
        return u8(data[offset]) | u8(data[offset + 1]) << 8;
    }
}
