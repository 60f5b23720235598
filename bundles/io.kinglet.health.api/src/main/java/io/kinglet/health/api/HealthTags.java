package io.kinglet.health.api;

import org.osgi.annotation.versioning.ProviderType;

/** The {@code hc.tags} values with a meaning across the whole runtime. */
@ProviderType
public final class HealthTags {

    /** The device is useless without this check passing: it gates readiness, the watchdog and OTA. */
    public static final String CRITICAL = "critical";

    /** The process is alive (framework up); failing it means "restart me". */
    public static final String LIVE = "live";

    /** Framework-level checks contributed by the runtime itself. */
    public static final String FRAMEWORK = "framework";

    private HealthTags() {}
}
