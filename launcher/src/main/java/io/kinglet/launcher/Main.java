package io.kinglet.launcher;

import io.kinglet.boot.BootBundles;
import io.kinglet.boot.BootStatus;
import io.kinglet.boot.FrameworkRestart;
import io.kinglet.boot.OtaLayout;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Kinglet: Felix with the boot bundle set, configuration from the profile's config folder and
 * state under the state directory. {@code kinglet shell <command>} instead runs one shell command in
 * the running instance, and {@code kinglet ad-scan FILE…} scans recordings for ad breaks without it.
 */
public final class Main {

    /** SIGTERM must end the process well inside systemd's default 90 s, and within 5 s in practice. */
    static final long STOP_TIMEOUT_MS = 5_000;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("shell")) {
            System.exit(ShellClient.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("ad-scan")) {
            System.exit(AdScanLauncher.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        LauncherSettings settings;
        LoopGuard.Settings loopGuard;
        try {
            settings = LauncherSettings.load(args, System.getProperties(), System.getenv());
            loopGuard = settings.loopGuard();
        } catch (IllegalArgumentException e) {
            System.err.println("kinglet: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(settings, loopGuard));
    }

    static int run(LauncherSettings settings, LoopGuard.Settings loopGuard) throws Exception {
        RuntimeDefinition runtime = RuntimeDefinition.load();
        Map<String, String> properties = settings.frameworkProperties(runtime);
        settings.applyLoggingDefaults(System.getProperties());
        // A few libraries (SPI Fly) log through java.util.logging: only what needs attention.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        long trialTimeout = settings.trialTimeoutSeconds();
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(properties);
        Thread stopper = new Thread(() -> stop(framework), "kinglet-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        OtaLayout layout = OtaLayout.under(settings.stateDir());
        BootSet embedded = BootSet.embedded(settings.stateDir().resolve("framework"), runtime);
        FrameworkEvent event;
        AtomicBoolean restart = new AtomicBoolean();
        FrameworkRestart restarter = reason -> {
            log("Framework restart: " + reason);
            restart.set(true);
            try {
                framework.stop();
            } catch (BundleException e) {
                log("Framework restart failed: " + e);
            }
        };
        // A restart (the OTA agent booting an update of itself) comes back here and boots the set
        // the manifests then name.
        boolean restarted = false;
        do {
            restart.set(false);
            framework.init();
            Instant bootStarted = Instant.now();
            LoopGuard.Boot guard = LoopGuard.count(settings.stateDir(), loopGuard);
            guard.damage().forEach(Main::warn);
            BootChoice choice = BootChoice.decide(layout);
            if (guard.safeMode()) {
                choice = choice.safeMode(layout, guard.withoutReady());
            }
            choice.damage().forEach(Main::warn);
            BootSet boot = embedded.overlay(choice.manifest(), layout, Main::log);
            if (guard.safeMode()) {
                warn(choice.reason());
                if (!loopGuard.optional().isEmpty()) {
                    warn("Safe mode: the optional capabilities " + String.join(", ", loopGuard.optional())
                            + " are not started");
                    boot = boot.without(loopGuard.optional());
                }
            } else {
                log(choice.reason());
            }
            BootSet.Outcome outcome = boot.apply(framework.getBundleContext());
            log("Boot set: " + outcome + " (" + uptimeMs() + " ms after JVM start)");
            BundleContext system = framework.getBundleContext();
            List<ServiceRegistration<?>> services = List.of(
                    system.registerService(BootBundles.class, embedded.embeddedBundles(), null),
                    system.registerService(FrameworkRestart.class, restarter, null),
                    system.registerService(
                            BootStatus.class,
                            new LoopGuard.Status(
                                    bootStarted,
                                    guard.safeMode(),
                                    guard.withoutReady(),
                                    loopGuard.after(),
                                    loopGuard.readyWithin(),
                                    loopGuard.leaveAfter(),
                                    loopGuard.optional(),
                                    choice.describeSet(guard.safeMode()),
                                    choice.trial(),
                                    Duration.ofSeconds(trialTimeout),
                                    restart),
                            null));
            if (!restarted) {
                // the system bundle keeps its listeners across a restart: added once
                framework.getBundleContext().addFrameworkListener(started -> {
                    if (started.getType() == FrameworkEvent.STARTED) {
                        log("Framework started " + uptimeMs() + " ms after JVM start");
                    }
                });
            }
            framework.start();
            if (choice.trial()) {
                revertTrialAfter(restarter, layout, choice.manifest().deployment(), trialTimeout);
            }
            event = awaitStop(framework);
            // Felix keeps the system bundle's registrations across a restart: the next boot registers its own
            services.forEach(Main::unregister);
            restarted = true;
        } while (event != null && event.getType() != FrameworkEvent.ERROR && restart.get());
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // already on the way out through SIGTERM: the hook finishes the stop
        }
        if (event == null) {
            log("Framework did not stop within " + STOP_TIMEOUT_MS + " ms; exiting anyway");
            return 1;
        }
        if (event.getType() == FrameworkEvent.ERROR) {
            log("Framework stopped with an error: " + event.getThrowable());
            return 1;
        }
        return 0;
    }

    /**
     * A trial set whose agent neither commits nor reverts within the timeout (it hangs, or does not
     * start) is reverted by restarting the framework: the next boot finds the trial booted and
     * uncommitted, and boots the committed set.
     */
    private static void revertTrialAfter(
            FrameworkRestart restarter, OtaLayout layout, String deployment, long timeoutSeconds) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(timeoutSeconds * 1000);
                        if (Files.exists(layout.trial())
                                && Files.isRegularFile(layout.trialBooted())
                                && Files.readString(layout.trialBooted())
                                        .strip()
                                        .equals(deployment)) {
                            restarter.restart("the trial set of deployment " + deployment + " did not commit within "
                                    + timeoutSeconds + " s; booting the committed set");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.io.IOException e) {
                        log("Trial watchdog could not read " + layout.trialBooted() + ": " + e.getMessage());
                    }
                },
                "kinglet-trial-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Waits until the framework has stopped, however the stop began (the console's {@code exit},
     * {@code stop 0}, a bundle). Null when a stop, once begun, hangs past the timeout: a bundle
     * stuck in its stop (the console blocked on its terminal, say) must not keep the device down.
     */
    private static FrameworkEvent awaitStop(Framework framework) throws InterruptedException {
        long stoppingSince = 0;
        while (true) {
            FrameworkEvent event = framework.waitForStop(250);
            if (event.getType() != FrameworkEvent.WAIT_TIMEDOUT) {
                return event;
            }
            if (framework.getState() != Bundle.STOPPING) {
                stoppingSince = 0;
            } else if (stoppingSince == 0) {
                stoppingSince = System.nanoTime();
            } else if (System.nanoTime() - stoppingSince > STOP_TIMEOUT_MS * 1_000_000) {
                return null;
            }
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it on the way down
        }
    }

    private static void stop(Framework framework) {
        long start = System.nanoTime();
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log("Framework did not stop within " + STOP_TIMEOUT_MS + " ms; exiting anyway");
            } else {
                log("Stopped in " + ms + " ms");
            }
        } catch (BundleException | InterruptedException e) {
            log("Stop failed: " + e);
        }
    }

    private static long uptimeMs() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(LauncherSettings.LOG_TIME_FORMAT);

    /** The launcher runs before any logging bundle: it writes its few lines in the same shape. */
    static void log(String message) {
        System.out.println(TIME.format(ZonedDateTime.now()) + " INFO io.kinglet.launcher - " + message);
    }

    static void warn(String message) {
        System.out.println(TIME.format(ZonedDateTime.now()) + " WARN io.kinglet.launcher - " + message);
    }
}
