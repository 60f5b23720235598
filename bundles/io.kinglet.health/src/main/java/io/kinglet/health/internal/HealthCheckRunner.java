package io.kinglet.health.internal;

import java.util.List;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/** One way to ask Felix HC for results, shared by the shell command and the metrics. */
final class HealthCheckRunner {

    private HealthCheckRunner() {}

    /**
     * Results of the checks carrying any of the tags, or of every check when none is given. Uses
     * the executor's result cache, so scraping metrics does not re-run expensive checks.
     */
    static List<HealthCheckExecutionResult> run(HealthCheckExecutor executor, String... tags) {
        // An empty name selects every check; an empty selector would mean the executor's default tags.
        HealthCheckSelector selector =
                tags.length == 0 ? HealthCheckSelector.names("") : HealthCheckSelector.tags(tags);
        return executor.execute(selector, new HealthCheckExecutionOptions().setCombineTagsWithOr(true));
    }
}
