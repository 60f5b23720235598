package io.kinglet.watchdog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the watchdog (PID {@code io.kinglet.watchdog}); every property has a working default. */
@ObjectClassDefinition(
        name = "Kinglet watchdog",
        description = "Pets systemd's watchdog and the hardware watchdog only while the critical health checks pass")
public @interface WatchdogConfiguration {

    @AttributeDefinition(
            name = "Hardware watchdog device",
            description = "e.g. /dev/watchdog; empty leaves the hardware watchdog off. Only one process may hold it:"
                    + " leave it empty where systemd's RuntimeWatchdogSec is set")
    String device() default "";

    @AttributeDefinition(
            name = "Hardware timeout (s)",
            min = "2",
            max = "600",
            description = "Asked of the driver with WDIOC_SETTIMEOUT (the Raspberry Pi's maximum is about 16 s)")
    int timeoutSeconds() default 15;

    @AttributeDefinition(
            name = "Check interval (s)",
            min = "1",
            max = "60",
            description = "How often the health checks are read and the watchdogs petted; kept under a third of"
                    + " the hardware timeout and of systemd's WatchdogSec")
    int intervalSeconds() default 5;

    @AttributeDefinition(
            name = "Grace period (s)",
            min = "0",
            max = "3600",
            description = "How long a critical check may stay failed before the pets stop")
    int graceSeconds() default 30;

    @AttributeDefinition(
            name = "Responsiveness timeout (ms)",
            min = "100",
            max = "60000",
            description = "The health checks and an Event Admin probe must answer within this, or the framework"
                    + " counts as stuck")
    int responsiveTimeoutMillis() default 5000;

    @AttributeDefinition(
            name = "Reboot warning (s)",
            min = "60",
            description = "How long /health warns about an unexpected reboot unless acknowledged (watchdog:ack)")
    int rebootWarningSeconds() default 86400;
}
