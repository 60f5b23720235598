package io.kinglet.ota.internal;

import io.kinglet.boot.DeploymentManifest;
import io.kinglet.health.api.HealthTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;

/**
 * A deployment between install and its end, as the framework sees it: the bundles it replaces (blue)
 * and the ones replacing them (green). Only the agent's worker thread changes it.
 */
final class Run {

    final Deployment deployment;
    /** The committed set this run becomes if it passes. */
    final DeploymentManifest target;

    final List<Bundle> greens = new ArrayList<>();
    final List<Bundle> blues = new ArrayList<>();
    /** Blue's and green's start levels (green takes blue's); blue's is needed again on rollback. */
    final Map<Bundle, Integer> startLevels = new HashMap<>();
    /** Probation runs the checks with any of these tags: every critical one, and the capability's own. */
    final Set<String> tags = new LinkedHashSet<>(List.of(HealthTags.CRITICAL));
    /** Booted by a framework restart, because swapping it in place would restart the agent under itself. */
    boolean trial;

    Instant probationEnds;
    long verdictNanos;

    Run(Deployment deployment, DeploymentManifest target, boolean trial) {
        this.deployment = deployment;
        this.target = target;
        this.trial = trial;
    }
}
