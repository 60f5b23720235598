package io.kinglet.sensehat.internal;

import io.kinglet.hardware.api.I2cBus;
import io.kinglet.telemetry.api.Priority;
import io.kinglet.telemetry.api.Telemetry;
import jakarta.json.spi.JsonProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every chip of the Sense HAT at the configured interval on a thread of its own, keeps the
 * latest value of each quantity, and sends the configured ones to telemetry. The I2C bus is whichever
 * provider the configuration targets: the simulation in the default profile, Linux on a device.
 */
@Component(
        service = SenseHat.class,
        immediate = true,
        configurationPid = SenseHat.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SenseHatConfiguration.class)
public class SenseHat {

    static final String PID = "io.kinglet.sensehat";
    private static final Logger LOG = LoggerFactory.getLogger(SenseHat.class);

    /** One quantity's latest value, from which chip, and when. */
    record Reading(Quantity quantity, double value, String chip, Instant at) {}

    private final List<ChipReader> readers;
    private final Set<Quantity> published;
    private final JsonProvider json;
    private final Map<Quantity, Reading> latest = new EnumMap<>(Quantity.class);
    private final ScheduledExecutorService sampler;
    private final Duration interval;
    private final CpuHeat heat;
    private volatile Telemetry telemetry;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<SampleListener> listeners = List.of();

    @Activate
    public SenseHat(SenseHatConfiguration config, @Reference(name = "i2c") I2cBus i2c, @Reference JsonProvider json) {
        this.json = json;
        this.interval = Duration.ofSeconds(config.intervalSeconds());
        this.published = Arrays.stream(config.publish())
                .map(name -> Quantity.valueOf(name.toUpperCase()))
                .collect(Collectors.toSet());
        Duration maxRetry = Duration.ofSeconds(config.retryMaxSeconds());
        this.heat = new CpuHeat(Path.of(config.sysfsRoot()), config.compensation_factor());
        this.readers = List.of(new Hts221(), new Lps25h(), new Lsm9ds1.Motion(), new Lsm9ds1.Magnetometer()).stream()
                .map(chip -> new ChipReader(chip, i2c, config.bus(), interval, maxRetry))
                .toList();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kinglet-sensehat");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sampleSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "Sense HAT: sampling I2C bus {} every {} s, publishing {}",
                config.bus(),
                config.intervalSeconds(),
                Arrays.toString(config.publish()));
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTelemetry(Telemetry t) {
        telemetry = t;
    }

    void unbindTelemetry(Telemetry t) {
        if (telemetry == t) {
            telemetry = null;
        }
    }

    /** A task that throws is never run again by the executor: one bad cycle must not end sampling. */
    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.error("Sense HAT: sampling cycle failed", e);
        }
    }

    /** One cycle: every chip that is due is read; a failing one leaves its last values where they were. */
    void sample() {
        Instant now = Instant.now();
        Map<Quantity, Reading> fresh = new EnumMap<>(Quantity.class);
        for (ChipReader reader : readers) {
            reader.sample(now)
                    .forEach((quantity, value) -> fresh.put(
                            quantity,
                            new Reading(quantity, value, reader.state().chip(), now)));
        }
        heat.apply(fresh, now);
        synchronized (latest) {
            latest.putAll(fresh);
        }
        fresh.values().stream().filter(r -> published.contains(r.quantity())).forEach(this::publish);
        for (SampleListener listener : listeners) {
            try {
                listener.sampled(fresh);
            } catch (RuntimeException e) {
                LOG.error(
                        "Sense HAT: {} failed on a sample", listener.getClass().getSimpleName(), e);
            }
        }
    }

    private void publish(Reading reading) {
        Telemetry t = telemetry;
        if (t == null) {
            return;
        }
        String body = json.createObjectBuilder()
                .add("value", reading.value())
                .add("unit", reading.quantity().unit)
                .add("timestamp", reading.at().toString())
                .build()
                .toString();
        t.publishJson("sensehat/" + reading.quantity().label(), body, 0, Priority.NORMAL)
                .exceptionally(e -> {
                    LOG.debug("Sense HAT: {} not queued: {}", reading.quantity().label(), e.getMessage());
                    return null;
                });
    }

    /** The latest value of every quantity read so far. */
    Map<Quantity, Reading> latest() {
        synchronized (latest) {
            return new EnumMap<>(latest);
        }
    }

    List<ChipReader.State> chips() {
        return readers.stream().map(ChipReader::state).toList();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        sampler.shutdownNow();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        readers.forEach(ChipReader::close);
    }
}
