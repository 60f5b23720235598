package io.kinglet.ota.internal;

import io.kinglet.health.api.HealthResults;
import java.util.Collection;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Whether the new bundles deserve to stay: each is active, each of its DS components activated, and
 * the health checks of its capability and every critical check pass. A failure at any sample ends
 * probation at once; states that may still settle (a reference not yet bound, a check temporarily
 * unavailable) only fail at the end of the window.
 */
final class ProbationJudge {

    /** Null reason: healthy so far. */
    record Verdict(String reason) {
        static final Verdict PASS = new Verdict(null);

        boolean failed() {
            return reason != null;
        }
    }

    private final HealthCheckExecutor health;
    private final ServiceComponentRuntime components;

    ProbationJudge(HealthCheckExecutor health, ServiceComponentRuntime components) {
        this.health = health;
        this.components = components;
    }

    Verdict judge(Collection<Bundle> bundles, Collection<String> tags, boolean final_) {
        for (Bundle bundle : bundles) {
            if (!BundleOperations.fragment(bundle) && bundle.getState() != Bundle.ACTIVE) {
                return new Verdict("bundle " + name(bundle) + " is not active (" + state(bundle) + ")");
            }
            for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        return new Verdict("component " + description.name + " of " + name(bundle)
                                + " failed to activate: " + firstLine(configuration.failure));
                    }
                    if (final_ && configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        return new Verdict("component " + description.name + " of " + name(bundle)
                                + " is still missing reference(s) "
                                + List.of(configuration.unsatisfiedReferences).stream()
                                        .map(r -> r.name)
                                        .toList());
                    }
                }
            }
        }
        List<HealthCheckExecutionResult> results = health.execute(
                HealthCheckSelector.tags(tags.toArray(String[]::new)),
                new HealthCheckExecutionOptions().setCombineTagsWithOr(true).setForceInstantExecution(true));
        for (HealthCheckExecutionResult result : results) {
            Result.Status status = result.getHealthCheckResult().getStatus();
            // a check still running when the executor's timeout came has not shown green healthy:
            // like TEMPORARILY_UNAVAILABLE, it may still answer before the window ends
            boolean bad = status == Result.Status.CRITICAL
                    || status == Result.Status.HEALTH_CHECK_ERROR
                    || (final_ && (status == Result.Status.TEMPORARILY_UNAVAILABLE || result.hasTimedOut()));
            if (bad) {
                String verdict = result.hasTimedOut() ? "did not answer in time" : "is " + status;
                return new Verdict(
                        "health check '" + result.getHealthCheckMetadata().getTitle() + "' " + verdict + ": "
                                + HealthResults.message(result.getHealthCheckResult()));
            }
        }
        return Verdict.PASS;
    }

    static String name(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED: it does not resolve";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> Integer.toString(bundle.getState());
        };
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown failure";
        }
        String line = text.strip().lines().findFirst().orElse(text);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
