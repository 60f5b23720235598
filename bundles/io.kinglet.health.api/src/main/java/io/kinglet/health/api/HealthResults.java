package io.kinglet.health.api;

import java.util.Collection;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.osgi.annotation.versioning.ProviderType;

/** How Kinglet reads Felix health check results, the same way in every view (shell, status, OTA). */
@ProviderType
public final class HealthResults {

    private HealthResults() {}

    /** The most severe status among the results; OK when there are none. */
    public static Result.Status overall(Collection<HealthCheckExecutionResult> results) {
        Result.Status overall = Result.Status.OK;
        for (HealthCheckExecutionResult result : results) {
            Result.Status status = result.getHealthCheckResult().getStatus();
            if (status.ordinal() > overall.ordinal()) {
                overall = status;
            }
        }
        return overall;
    }

    /** The most severe message of a result, which is what explains its status; "" when it has none. */
    public static String message(Result result) {
        ResultLog.Entry worst = null;
        int entries = 0;
        for (ResultLog.Entry entry : result) {
            entries++;
            if (worst == null || entry.getStatus().ordinal() > worst.getStatus().ordinal()) {
                worst = entry;
            }
        }
        if (worst == null) {
            return "";
        }
        return worst.getMessage() + (entries > 1 ? " (+" + (entries - 1) + " more)" : "");
    }
}
