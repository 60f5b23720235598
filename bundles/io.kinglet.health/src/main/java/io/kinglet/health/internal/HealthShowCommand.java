package io.kinglet.health.internal;

import io.kinglet.health.api.HealthResults;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code health:show [tag...]}: the health checks as a table, worst status first. */
@Component(
        service = HealthShowCommand.class,
        property = {"osgi.command.scope=health", "osgi.command.function=show"})
public class HealthShowCommand {

    private final HealthCheckExecutor executor;

    @Activate
    public HealthShowCommand(@Reference HealthCheckExecutor executor) {
        this.executor = executor;
    }

    @Descriptor("show the health checks (all, or those with any of the given tags) and their status")
    public String show(@Descriptor("tags to select, e.g. critical") String... tags) {
        return format(HealthCheckRunner.run(executor, tags));
    }

    static String format(List<HealthCheckExecutionResult> results) {
        Result.Status overall = HealthResults.overall(results);
        List<HealthCheckExecutionResult> sorted = results.stream()
                .sorted((a, b) -> b.getHealthCheckResult()
                        .getStatus()
                        .compareTo(a.getHealthCheckResult().getStatus()))
                .toList();
        StringBuilder out = new StringBuilder();
        out.append("Overall: ")
                .append(overall)
                .append(" (")
                .append(results.size())
                .append(" checks)\n");
        String row = "%-24s %-32s %-28s %s%n";
        out.append(String.format(row, "STATUS", "NAME", "TAGS", "MESSAGE"));
        for (HealthCheckExecutionResult result : sorted) {
            out.append(String.format(
                    row,
                    result.getHealthCheckResult().getStatus(),
                    result.getHealthCheckMetadata().getTitle(),
                    String.join(",", result.getHealthCheckMetadata().getTags()),
                    HealthResults.message(result.getHealthCheckResult())));
        }
        return out.toString();
    }
}
