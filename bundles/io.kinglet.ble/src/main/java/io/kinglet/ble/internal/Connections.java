package io.kinglet.ble.internal;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service keeps per connected central (BlueZ names it in each write's {@code device} option):
 * its packet in reassembly and its write budget. Bounded, least recently seen dropped first, so a
 * stream of new device paths cannot grow memory.
 */
final class Connections {

    /** More centrals than a provisioning session ever has at once. */
    static final int MAX = 16;

    /** Per connection: the writes one packet plus retries needs, and far fewer than a flood. */
    record Limits(int writesPerSecond, Duration reassemblyTimeout) {}

    /** One central's state. */
    static final class Connection {
        final Reassembly reassembly;
        final RateLimiter<Object> budget;
        boolean throttled;

        Connection(Limits limits) {
            this.reassembly = new Reassembly(limits.reassemblyTimeout().toNanos());
            this.budget = RateLimiter.burstyBuilder(limits.writesPerSecond(), Duration.ofSeconds(1))
                    .build();
        }
    }

    private final Limits limits;
    private final Map<String, Connection> byDevice = new LinkedHashMap<>(MAX, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Connection> eldest) {
            return size() > MAX;
        }
    };

    Connections(Limits limits) {
        this.limits = limits;
    }

    Connection of(String device) {
        return byDevice.computeIfAbsent(device, d -> new Connection(limits));
    }

    /** The devices whose unfinished packet passed its deadline (each reported once). */
    List<String> expire(long nowNanos) {
        return byDevice.entrySet().stream()
                .filter(e -> e.getValue().reassembly.expire(nowNanos))
                .map(Map.Entry::getKey)
                .toList();
    }

    int size() {
        return byDevice.size();
    }

    void clear() {
        byDevice.clear();
    }
}
