package io.kinglet.ota.api;

import java.util.List;

/**
 * A deployment as the OTA agent sees it.
 *
 * @param id its id, as in {@code /ota/deployments/<id>} and {@link OtaEvents#DEPLOYMENT}
 * @param state where it is
 * @param reason why it was refused or rolled back; null otherwise
 * @param bundles its bundles as {@code <symbolic name> <version>}
 */
public record DeploymentStatus(String id, DeploymentState state, String reason, List<String> bundles) {

    public DeploymentStatus {
        bundles = List.copyOf(bundles);
    }
}
