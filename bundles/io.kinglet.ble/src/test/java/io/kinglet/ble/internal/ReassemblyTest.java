package io.kinglet.ble.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReassemblyTest {

    private static final long TIMEOUT = 1_000_000_000L;

    @Test
    void joinsAPacketSplitIntoTwentyByteWrites() throws Exception {
        byte[] frame = RpcCodecTest.wifi("MyWirelessAP", "mysecurepassword");
        Reassembly reassembly = new Reassembly(TIMEOUT);
        assertThat(reassembly.add(Arrays.copyOfRange(frame, 0, 20), 0, 0)).isEmpty();
        assertThat(reassembly.pending()).isTrue();
        assertThat(reassembly.add(Arrays.copyOfRange(frame, 20, frame.length), 0, 10))
                .hasValueSatisfying(joined -> assertThat(joined).isEqualTo(frame));
        assertThat(reassembly.pending()).isFalse();
    }

    @Test
    void followsALongWritesOffsets() throws Exception {
        byte[] frame = RpcCodecTest.wifi("MyWirelessAP", "mysecurepassword");
        Reassembly reassembly = new Reassembly(TIMEOUT);
        assertThat(reassembly.add(Arrays.copyOfRange(frame, 0, 18), 0, 0)).isEmpty();
        assertThat(reassembly.add(Arrays.copyOfRange(frame, 18, frame.length), 18, 1))
                .hasValue(frame);
        reassembly.add(Arrays.copyOfRange(frame, 0, 18), 0, 2);
        assertThatThrownBy(() -> reassembly.add(Arrays.copyOfRange(frame, 18, frame.length), 17, 3))
                .hasMessageContaining("offset 17 where 18 was expected");
        assertThat(reassembly.pending()).isFalse();
    }

    @Test
    void moreBytesThanDeclaredIsInvalidAndAStalePartIsDropped() throws Exception {
        Reassembly reassembly = new Reassembly(TIMEOUT);
        assertThatThrownBy(() -> reassembly.add(new byte[] {2, 0, 2, 9}, 0, 0))
                .hasMessageContaining("declares 0 data bytes but carries 1");
        assertThat(reassembly.add(new byte[] {1, 10, 3}, 0, 0)).isEmpty();
        assertThat(reassembly.expire(TIMEOUT / 2)).isFalse();
        assertThat(reassembly.expire(TIMEOUT + 1)).isTrue();
        // a new packet after the deadline starts afresh
        assertThat(reassembly.add(RpcCodecTest.packet(2, new byte[0]), 0, TIMEOUT * 3))
                .isPresent();
    }
}
