package io.kinglet.ota.api;

import java.util.Locale;

/**
 * The states of a deployment, in order: received → verified → installed → probation → committed,
 * or rolled-back from any step after verification; refused when verification fails.
 */
public enum DeploymentState {
    RECEIVED, VERIFIED, INSTALLED, PROBATION, COMMITTED, ROLLED_BACK, REFUSED;

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
