package io.kinglet.watchdog.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What gets petted: systemd (when it started Kinglet with {@code NOTIFY_SOCKET}) and the hardware
 * watchdog (when a device is configured). Either may be off; each says why, and how to turn it on.
 */
final class Devices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

    private final SystemdNotifier systemd;
    private final String systemdState;
    private final Duration systemdPeriod;
    private final HardwareWatchdog hardware;
    private final String hardwareState;
    private final boolean hardwareFailed;
    private final Duration interval;
    private String lastNotifyFailure;

    private Devices(
            SystemdNotifier systemd,
            String systemdState,
            Duration systemdPeriod,
            HardwareWatchdog hardware,
            String hardwareState,
            boolean hardwareFailed,
            Duration interval) {
        this.systemd = systemd;
        this.systemdState = systemdState;
        this.systemdPeriod = systemdPeriod;
        this.hardware = hardware;
        this.hardwareState = hardwareState;
        this.hardwareFailed = hardwareFailed;
        this.interval = interval;
    }

    static Devices open(WatchdogConfiguration config, Map<String, String> env, long pid) {
        SystemdNotifier systemd = null;
        String systemdState;
        Optional<Duration> period = SystemdNotifier.watchdogPeriod(env, pid);
        try {
            systemd = SystemdNotifier.fromEnvironment(env).orElse(null);
            systemdState = systemd == null
                    ? "off: NOTIFY_SOCKET is not set (Kinglet was not started by systemd; kinglet.service runs it"
                            + " with Type=notify)"
                    : "on: " + systemd.socketName()
                            + period.map(p -> ", WatchdogSec " + p.toMillis() / 1000.0 + " s")
                                    .orElse(", no WatchdogSec");
        } catch (IOException | IllegalArgumentException | UnsatisfiedLinkError e) {
            systemdState = "failed: " + e.getMessage();
        }
        Duration interval = Duration.ofSeconds(config.intervalSeconds());
        if (systemd != null && period.isPresent()) {
            // systemd wants a ping within WATCHDOG_USEC: every third of it leaves room for one late tick
            interval = min(interval, period.get().dividedBy(3));
        }
        HardwareWatchdog hardware = null;
        String hardwareState;
        boolean failed = false;
        if (config.device().isBlank()) {
            hardwareState = "off: no device configured (device = /dev/watchdog in io.kinglet.watchdog.cfg turns it"
                    + " on; the device profile does)";
        } else {
            try {
                hardware = HardwareWatchdog.open(Path.of(config.device()), config.timeoutSeconds());
                hardwareState = "on: " + hardware.device() + ", timeout " + hardware.timeout();
                interval = min(
                        interval, Duration.ofSeconds(config.timeoutSeconds()).dividedBy(3));
            } catch (IOException | UnsatisfiedLinkError e) {
                hardwareState = "failed: " + e.getMessage();
                failed = true;
            }
        }
        return new Devices(systemd, systemdState, period.orElse(null), hardware, hardwareState, failed, interval);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    void pet() throws IOException {
        notify("WATCHDOG=1");
        if (hardware != null) {
            hardware.pet();
        }
    }

    /** Sends to systemd if it listens; a failure is logged once, until a send works again. */
    void notify(String message) {
        if (systemd == null) {
            return;
        }
        try {
            systemd.send(message);
            lastNotifyFailure = null;
        } catch (IOException e) {
            if (!e.getMessage().equals(lastNotifyFailure)) {
                LOG.error("Watchdog: {}", e.getMessage());
                lastNotifyFailure = e.getMessage();
            }
        }
    }

    /** One line per watchdog, for the log and the shell. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Watchdog: systemd notifications " + systemdState);
        lines.add("Watchdog: hardware watchdog " + hardwareState);
        lines.add("Watchdog: checking every " + interval.toMillis() + " ms");
        return lines;
    }

    String systemdState() {
        return systemdState;
    }

    Duration systemdPeriod() {
        return systemdPeriod;
    }

    String hardwareState() {
        return hardwareState;
    }

    boolean hardwareFailed() {
        return hardwareFailed;
    }

    Duration interval() {
        return interval;
    }

    /** Disarms the hardware watchdog (magic close) and lets go of the notify socket. */
    @Override
    public void close() {
        if (hardware != null) {
            try {
                hardware.close();
                LOG.info("Watchdog: {} disarmed (magic close)", hardware.device());
            } catch (IOException e) {
                LOG.error("Watchdog: magic close failed, the device may reboot: {}", e.getMessage());
            }
        }
        if (systemd != null) {
            systemd.close();
        }
    }
}
