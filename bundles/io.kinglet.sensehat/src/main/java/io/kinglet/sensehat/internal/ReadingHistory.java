package io.kinglet.sensehat.internal;

import io.kinglet.sensehat.api.Alert;
import io.kinglet.sensehat.api.SensorReadings;
import io.kinglet.sensehat.api.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * The last hour of every quantity, in memory only: a ring per quantity sized from the sampling
 * interval, so the memory it takes is fixed (15 quantities x 360 samples at the default 10 s). A
 * restart of the reader starts it empty; the durable record is telemetry's.
 */
@Component(
        service = {SensorReadings.class, SampleListener.class},
        immediate = true,
        configurationPid = SenseHat.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ReadingHistory implements SensorReadings, SampleListener {

    static final Duration KEPT = Duration.ofHours(1);

    private final Map<Quantity, Ring> rings = new EnumMap<>(Quantity.class);
    private final Duration interval;
    private final int capacity;
    private final AlertMonitor alerts;

    /** From the reader's own configuration, not the reader: it binds this as a listener, and must not be bound back. */
    @Activate
    public ReadingHistory(SenseHatConfiguration config, @Reference AlertMonitor alerts) {
        this(Duration.ofSeconds(config.intervalSeconds()), alerts);
    }

    ReadingHistory(Duration interval, AlertMonitor alerts) {
        this.interval = interval;
        this.capacity = (int) Math.max(1, KEPT.toMillis() / Math.max(1, interval.toMillis()));
        this.alerts = alerts;
    }

    @Override
    public synchronized void sampled(Map<Quantity, SenseHat.Reading> readings) {
        readings.forEach((quantity, reading) -> rings.computeIfAbsent(quantity, q -> new Ring(capacity))
                .add(reading.at().toEpochMilli(), reading.value()));
    }

    @Override
    public Duration kept() {
        return KEPT;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized List<Series> history(Instant since) {
        List<Series> all = new ArrayList<>();
        rings.forEach((quantity, ring) -> {
            Series series = ring.after(quantity.label(), quantity.unit, since.toEpochMilli());
            if (series.times().length > 0) {
                all.add(series);
            }
        });
        return all;
    }

    @Override
    public List<Alert> alerts() {
        return alerts.alerts();
    }

    /** A fixed number of (time, value) samples; the oldest is overwritten once it is full. */
    static final class Ring {

        private final long[] times;
        private final double[] values;
        private int next;
        private int size;

        Ring(int capacity) {
            times = new long[capacity];
            values = new double[capacity];
        }

        void add(long time, double value) {
            times[next] = time;
            values[next] = value;
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
        }

        /** The samples later than {@code since}, oldest first. */
        Series after(String quantity, String unit, long since) {
            int oldest = (next - size + times.length) % times.length;
            int skip = 0;
            while (skip < size && times[(oldest + skip) % times.length] <= since) {
                skip++;
            }
            long[] t = new long[size - skip];
            double[] v = new double[size - skip];
            for (int i = 0; i < t.length; i++) {
                int at = (oldest + skip + i) % times.length;
                t[i] = times[at];
                v[i] = values[at];
            }
            return new Series(quantity, unit, t, v);
        }
    }
}
