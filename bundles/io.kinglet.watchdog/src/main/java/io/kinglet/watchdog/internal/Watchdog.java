package io.kinglet.watchdog.internal;

import io.kinglet.boot.BootCount;
import io.kinglet.boot.BootStatus;
import io.kinglet.boot.FrameworkRestart;
import io.kinglet.boot.KingletDirectories;
import io.kinglet.telemetry.api.Priority;
import io.kinglet.telemetry.api.Telemetry;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog component: opens what there is to pet (systemd's notify socket, the hardware
 * device), runs the {@link PetCycle} on a thread of its own, and on deactivation disarms the device
 * with the magic close and, when the framework is shutting down, tells systemd {@code STOPPING=1}.
 */
@Component(service = Watchdog.class, immediate = true, configurationPid = Watchdog.PID)
@Designate(ocd = WatchdogConfiguration.class)
public class Watchdog {

    private static final String READY = "READY=1";
    /** READY=1 went to systemd: a fact of this framework's life, not of one component instance. */
    private static final AtomicBoolean READY_SENT = new AtomicBoolean();

    static final String PID = "io.kinglet.watchdog";
    static final String EVENT_PREFIX = "io/kinglet/watchdog/";
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final Duration STARTING_INTERVAL = Duration.ofMillis(250);
    /** Without telemetry configured, the few events kept for it stay few. */
    private static final int MAX_UNSENT = 16;

    private final BundleContext context;
    private final BootStatus boot;
    private final EventAdmin events;
    private final EventProbe eventProbe;
    private final FrameworkRestart restart;
    private final JsonProvider json;
    private final Path stateDir;
    private final HealthProbe health;
    private final Duration responsiveTimeout;
    private final Devices devices;
    private final PetCycle cycle;
    private final ScheduledExecutorService scheduler;
    private final WatchdogConfiguration config;

    /** Telemetry is optional and may come later than this component: what it missed is sent when it binds. */
    private volatile Telemetry telemetry;

    private final List<Map.Entry<String, Map<String, Object>>> unsent = new ArrayList<>();

    @Activate
    public Watchdog(
            BundleContext context,
            WatchdogConfiguration config,
            @Reference HealthCheckExecutor executor,
            @Reference EventAdmin events,
            @Reference EventProbe eventProbe,
            @Reference BootStatus boot,
            @Reference FrameworkRestart restart,
            @Reference JsonProvider json)
            throws IOException {
        this.context = context;
        this.config = config;
        this.boot = boot;
        this.events = events;
        this.eventProbe = eventProbe;
        this.restart = restart;
        this.json = json;
        this.stateDir = KingletDirectories.state(context);
        this.health = new HealthProbe(executor);
        this.responsiveTimeout = Duration.ofMillis(config.responsiveTimeoutMillis());
        RebootHistory history = new RebootHistory(stateDir.resolve("watchdog"), session());
        RebootHistory.LastReboot last = history.open();
        this.devices =
                Devices.open(config, System.getenv(), ProcessHandle.current().pid());
        this.cycle = new PetCycle(boot, Duration.ofSeconds(config.graceSeconds()), history, last, new Wiring());
        announce(last, history.newProcess());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kinglet-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.execute(this::tick);
    }

    /** This process: a record from the same session is a restart of the bundle, not a reboot. */
    private static String session() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "@"
                + self.info().startInstant().map(Instant::toString).orElse("?");
    }

    private void announce(RebootHistory.LastReboot last, boolean newProcess) {
        String line = "Watchdog: last reboot: " + last.describe();
        if (last.kind().unexpected()) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        if (newProcess && last.kind().unexpected()) {
            // once per process (a restart of this bundle is no new reboot), and only what a fleet must hear of
            telemetry(
                    "watchdog/last-reboot",
                    Map.of(
                            "kind",
                            last.kind().label,
                            "cause",
                            last.cause(),
                            "at",
                            last.at().toString()));
        }
        if (boot.safeMode()) {
            LOG.warn(
                    "Watchdog: SAFE MODE: {} boots in a row without ready; booted {}; not started: {}; pets follow the"
                            + " spine's checks only; watchdog:ack or {} s of ready ends it",
                    boot.bootsWithoutReady(),
                    boot.bootSet(),
                    boot.optional().isEmpty() ? "nothing" : String.join(", ", boot.optional()),
                    boot.leaveSafeModeAfter().toSeconds());
            event("SAFE_MODE", Map.of("active", true, "boots", boot.bootsWithoutReady()));
            telemetry("watchdog/safe-mode", Map.of("active", true, "boots", boot.bootsWithoutReady()));
        }
        devices.describe().forEach(LOG::info);
    }

    /**
     * One tick, then the next one scheduled: every {@link #STARTING_INTERVAL} until the first ready, so
     * systemd hears READY=1 as soon as the device is ready, then at the configured interval.
     */
    private void tick() {
        try {
            HealthProbe.Reading reading = health.read(responsiveTimeout);
            if (reading.unresponsive() == null && !eventProbe.roundTrip(responsiveTimeout)) {
                reading = new HealthProbe.Reading(
                        reading.checks(),
                        "Event Admin did not deliver an event within " + responsiveTimeout.toMillis() + " ms");
            }
            cycle.tick(Instant.now(), reading);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the next tick tries again; a tick that keeps failing stops the pets by not petting
            LOG.error("Watchdog: tick failed", e);
        }
        if (!scheduler.isShutdown()) {
            Duration next = cycle.snapshot().ready() ? devices.interval() : STARTING_INTERVAL;
            scheduler.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(responsiveTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        health.close();
        boolean shutdown = context.getBundle(0).getState() == Bundle.STOPPING && !boot.restarting();
        if (shutdown) {
            devices.notify("STOPPING=1");
            try {
                cycle.cleanStop();
            } catch (IOException e) {
                LOG.error("Watchdog: could not record the clean stop: {}", e.getMessage());
            }
        }
        devices.close();
    }

    PetCycle.Snapshot snapshot() {
        return cycle.snapshot();
    }

    List<String> acknowledge() throws IOException {
        return cycle.acknowledge();
    }

    BootStatus boot() {
        return boot;
    }

    Devices devices() {
        return devices;
    }

    WatchdogConfiguration config() {
        return config;
    }

    private void event(String name, Map<String, Object> properties) {
        events.postEvent(new Event(EVENT_PREFIX + name, properties));
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTelemetry(Telemetry t) {
        List<Map.Entry<String, Map<String, Object>>> missed;
        synchronized (unsent) {
            telemetry = t;
            missed = List.copyOf(unsent);
            unsent.clear();
        }
        missed.forEach(m -> publish(t, m.getKey(), m.getValue()));
    }

    void unbindTelemetry(Telemetry t) {
        synchronized (unsent) {
            if (telemetry == t) {
                telemetry = null;
            }
        }
    }

    private void telemetry(String topic, Map<String, Object> fields) {
        Telemetry t;
        synchronized (unsent) {
            t = telemetry;
            if (t == null) {
                if (unsent.size() < MAX_UNSENT) {
                    unsent.add(Map.entry(topic, fields));
                }
                return;
            }
        }
        publish(t, topic, fields);
    }

    private void publish(Telemetry t, String topic, Map<String, Object> fields) {
        String body = json.createObjectBuilder(fields).build().toString();
        t.publishJson(topic, body, 1, Priority.HIGH).exceptionally(e -> {
            LOG.warn("Watchdog: telemetry {} not queued: {}", topic, e.getMessage());
            return null;
        });
    }

    /** The cycle's effects, wired to this component's services. */
    private final class Wiring implements PetCycle.Sinks {
        @Override
        public void pet() throws IOException {
            devices.pet();
        }

        @Override
        public void notify(String message) {
            // READY=1 once per framework: a configuration arriving after readiness starts a new instance
            if (!READY.equals(message) || READY_SENT.compareAndSet(false, true)) {
                devices.notify(message);
            }
        }

        @Override
        public void event(String name, Map<String, Object> properties) {
            Watchdog.this.event(name, properties);
        }

        @Override
        public void telemetry(String topic, Map<String, Object> fields) {
            Watchdog.this.telemetry(topic, fields);
        }

        @Override
        public void resetBootCount() {
            try {
                BootCount.write(stateDir, 0);
            } catch (IOException e) {
                LOG.error("Watchdog: could not reset the boot counter in {}: {}", stateDir, e.getMessage());
            }
        }

        @Override
        public void restart(String reason) {
            restart.restart(reason);
        }
    }
}
