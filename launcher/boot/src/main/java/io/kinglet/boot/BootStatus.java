package io.kinglet.boot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How the running framework was booted, registered as a service by the launcher at every boot. The
 * watchdog reads the reboot-loop guard from it (safe mode, the boots counted) and asks whether a
 * stopping framework is about to come back in the same process ({@link #restarting()}), which is
 * not a shutdown.
 */
@ProviderType
public interface BootStatus {

    /** When this boot (a process start or an in-process restart) began. */
    Instant started();

    /** Booted in safe mode: the reboot-loop guard saw {@link #safeModeAfter()} boots in a row without ready. */
    boolean safeMode();

    /** The boots in a row, before this one, that did not reach ready within {@link #readyWithin()}. */
    int bootsWithoutReady();

    /** After this many boots in a row without ready the next one is in safe mode. */
    int safeModeAfter();

    /** The time a boot has to reach ready before it counts as a boot without ready. */
    Duration readyWithin();

    /** Safe mode ends by itself once the device has stayed ready this long. */
    Duration leaveSafeModeAfter();

    /** The capabilities (symbolic names) configured as optional, which safe mode does not start. */
    List<String> optional();

    /** What the launcher booted, e.g. "the previous committed set (deployment d3)". */
    String bootSet();

    /** This is the one trial boot of an update of the OTA agent; it must commit within {@link #trialTimeout()}. */
    boolean trial();

    /** How long a trial boot has before the launcher reverts it. */
    Duration trialTimeout();

    /** True once an in-process restart has begun: the framework is stopping to boot again, not shutting down. */
    boolean restarting();
}
