package io.kinglet.ota.internal;

import io.kinglet.boot.DeploymentManifest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.Optional;

/** The agent's state as {@code GET /ota/status} and {@code ota:status} show it. */
final class OtaStatus {

    private OtaStatus() {}

    static JsonObject json(OtaAgent agent) throws IOException {
        DeploymentManifest committed = agent.committed();
        JsonObjectBuilder updated = Json.createObjectBuilder();
        committed
                .bundles()
                .values()
                .forEach(a -> updated.add(
                        a.symbolicName(),
                        Json.createObjectBuilder().add("version", a.version()).add("sha256", a.sha256())));
        Optional<Deployment> current = agent.current();
        Transitions.Stats stats = agent.stats();
        return Json.createObjectBuilder()
                .add(
                        "committed",
                        Json.createObjectBuilder()
                                .add("deployment", committed.deployment())
                                .add("updatedBundles", updated))
                .add(
                        "previousDeployment",
                        agent.previous()
                                .map(p -> (JsonValue) Json.createValue(p.deployment()))
                                .orElse(JsonValue.NULL))
                .add("current", current.map(d -> (JsonValue) d.toJson()).orElse(JsonValue.NULL))
                .add("probationSecondsLeft", agent.probationSecondsLeft())
                .add("acceptingPushes", agent.verifierProblem() == null)
                .add("problem", Deployment.orNull(agent.verifierProblem()))
                .add("committedCount", stats.committed())
                .add("rolledBackCount", stats.rolledBack())
                .add("refusedCount", stats.refused())
                .build();
    }

    static String text(OtaAgent agent) throws IOException {
        DeploymentManifest committed = agent.committed();
        StringBuilder out = new StringBuilder();
        out.append("Committed: ")
                .append(
                        committed.deployment().isEmpty()
                                ? "no update yet (embedded bundles)"
                                : "deployment " + committed.deployment())
                .append('\n');
        committed
                .bundles()
                .values()
                .forEach(a -> out.append(String.format(
                        "  %-40s %-16s %s%n",
                        a.symbolicName(), a.version(), a.sha256().substring(0, 12))));
        Optional<Deployment> current = agent.current();
        if (current.isPresent()) {
            Deployment d = current.get();
            out.append("Under way: ")
                    .append(d.id())
                    .append(' ')
                    .append(d.state().label())
                    .append(" (")
                    .append(String.join(", ", d.summary()))
                    .append(')');
            long left = agent.probationSecondsLeft();
            if (left >= 0) {
                out.append(", ").append(left).append(" s of probation left");
            }
            out.append('\n');
        } else {
            out.append("Under way: nothing\n");
        }
        if (agent.verifierProblem() != null) {
            out.append("Pushes refused: ").append(agent.verifierProblem()).append('\n');
        }
        Transitions.Stats s = agent.stats();
        out.append("Since start: ")
                .append(s.committed())
                .append(" committed, ")
                .append(s.rolledBack())
                .append(" rolled back, ")
                .append(s.refused())
                .append(" refused\n");
        return out.toString();
    }
}
