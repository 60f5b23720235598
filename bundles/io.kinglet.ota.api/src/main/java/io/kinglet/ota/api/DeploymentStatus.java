package io.kinglet.ota.api;

import java.time.Instant;
import java.util.List;

/**
 * A deployment as the OTA agent sees it.
 *
 * @param id its id, as in {@code /ota/deployments/<id>} and {@link OtaEvents#DEPLOYMENT}
 * @param state where it is
 * @param reason why it was refused or rolled back; null otherwise
 * @param bundles its bundles as {@code <symbolic name> <version>}
 * @param transitions every state it entered, oldest first
 */
public record DeploymentStatus(
        String id, DeploymentState state, String reason, List<String> bundles, List<Transition> transitions) {

    /** A state entered, and when. */
    public record Transition(DeploymentState state, Instant at) {}

    public DeploymentStatus {
        bundles = List.copyOf(bundles);
        transitions = List.copyOf(transitions);
    }
}
