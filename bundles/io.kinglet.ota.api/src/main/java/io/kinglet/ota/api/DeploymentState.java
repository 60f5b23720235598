package io.kinglet.ota.api;

import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The states of a deployment, in order: received → verified → installed → switching → probation →
 * committing → committed, or rolled-back from any step after verification; refused when verification
 * fails. {@code switching}: the old bundles are being replaced by the new ones (or, for an update the
 * OTA agent cannot make under itself, the framework is restarting into the new set); {@code
 * committing}: the verdict passed and the new committed manifest is being put in place.
 */
@ProviderType
public enum DeploymentState {
    RECEIVED,
    VERIFIED,
    INSTALLED,
    SWITCHING,
    PROBATION,
    COMMITTING,
    COMMITTED,
    ROLLED_BACK,
    REFUSED;

    /** True when nothing more will happen to the deployment. */
    public boolean isFinal() {
        return this == COMMITTED || this == ROLLED_BACK || this == REFUSED;
    }

    /** The name users see (HTTP, shell, metrics): lower case with a hyphen, e.g. {@code rolled-back}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The Event Admin topic sent when a deployment enters this state. */
    public String topic() {
        return OtaEvents.TOPIC_PREFIX + name();
    }

    public static DeploymentState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
