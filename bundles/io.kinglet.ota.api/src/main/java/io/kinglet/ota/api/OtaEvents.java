package io.kinglet.ota.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event Admin topics and properties of the OTA agent. An event {@code io/kinglet/ota/<STATE>} (see
 * {@link DeploymentState#topic()}) is sent synchronously when a deployment enters that state, so a
 * handler sees every step before the next one begins.
 */
@ProviderType
public final class OtaEvents {

    public static final String TOPIC_PREFIX = "io/kinglet/ota/";
    /** Every OTA topic, for an {@code event.topics} property. */
    public static final String ALL_TOPICS = TOPIC_PREFIX + "*";
    /** The deployment's id (String). */
    public static final String DEPLOYMENT = "deployment";
    /** The state's label (String), e.g. {@code rolled-back}. */
    public static final String STATE = "state";
    /** Why a deployment was refused or rolled back (String); absent otherwise. */
    public static final String REASON = "reason";
    /** The deployment's bundles as {@code <symbolic name> <version>} (String[]). */
    public static final String BUNDLES = "bundles";

    private OtaEvents() {}
}
