package io.kinglet.ble.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters for metrics and {@code ble:status}. */
final class BleStats {

    final LongAdder writes = new LongAdder();
    final LongAdder packets = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder provisioned = new LongAdder();
    final LongAdder failedConnections = new LongAdder();
    /** From the Wi-Fi settings packet to the provisioned state, the last time; 0 before. */
    volatile long lastProvisioningNanos;

    private final Map<ImprovError, LongAdder> refused = new EnumMap<>(ImprovError.class);

    BleStats() {
        for (ImprovError e : ImprovError.values()) {
            refused.put(e, new LongAdder());
        }
    }

    void refused(ImprovError error) {
        refused.get(error).increment();
    }

    long refusedCount(ImprovError error) {
        return refused.get(error).sum();
    }
}
