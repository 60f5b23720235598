package io.kinglet.ble.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * One connection's packet being put together. A packet longer than the ATT payload arrives in several
 * writes (the specification asks services to expect that): bytes gather until the declared length is
 * reached. More bytes than declared, a write at the wrong offset, or a packet left unfinished past
 * the deadline is an invalid packet.
 */
final class Reassembly {

    private static final int MAX_FRAME = RpcCodec.MAX_DATA + RpcCodec.OVERHEAD;

    private final long timeoutNanos;
    private byte[] buffer = new byte[0];
    private long startedNanos;

    Reassembly(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Adds one write. Returns the whole packet once complete, empty while more is expected.
     *
     * @param offset the write's offset option (non-zero in a long write's later parts)
     */
    Optional<byte[]> add(byte[] fragment, int offset, long nowNanos) throws RpcException {
        if (buffer.length > 0 && expired(nowNanos)) {
            buffer = new byte[0];
        }
        if (offset != 0 && offset != buffer.length) {
            int expected = buffer.length;
            buffer = new byte[0];
            throw new RpcException(
                    ImprovError.INVALID_RPC, "a write at offset " + offset + " where " + expected + " was expected");
        }
        if (buffer.length == 0) {
            startedNanos = nowNanos;
        }
        if (buffer.length + fragment.length > MAX_FRAME) {
            buffer = new byte[0];
            throw new RpcException(ImprovError.INVALID_RPC, "more than " + MAX_FRAME + " bytes for one packet");
        }
        byte[] joined = Arrays.copyOf(buffer, buffer.length + fragment.length);
        System.arraycopy(fragment, 0, joined, buffer.length, fragment.length);
        if (joined.length < 2 || joined.length < (joined[1] & 0xFF) + RpcCodec.OVERHEAD) {
            buffer = joined;
            return Optional.empty();
        }
        buffer = new byte[0];
        if (joined.length > (joined[1] & 0xFF) + RpcCodec.OVERHEAD) {
            throw new RpcException(
                    ImprovError.INVALID_RPC,
                    "the packet declares " + (joined[1] & 0xFF) + " data bytes but carries "
                            + (joined.length - RpcCodec.OVERHEAD));
        }
        return Optional.of(joined);
    }

    /** True once a started packet is overdue; it is then dropped. */
    boolean expire(long nowNanos) {
        if (buffer.length > 0 && expired(nowNanos)) {
            buffer = new byte[0];
            return true;
        }
        return false;
    }

    boolean pending() {
        return buffer.length > 0;
    }

    private boolean expired(long nowNanos) {
        return nowNanos - startedNanos > timeoutNanos;
    }
}
