package io.kinglet.ota.internal;

import java.io.IOException;
import java.util.Optional;

import io.kinglet.boot.DeploymentManifest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** The agent's state as {@code GET /ota/status} and {@code ota:status} show it. */
final class OtaStatus {

    private OtaStatus() {
    }

    static JsonObject json(Deployer deployer) throws IOException {
        DeploymentManifest committed = deployer.committed();
        JsonObjectBuilder updated = Json.createObjectBuilder();
        committed.bundles().values().forEach(a -> updated.add(a.symbolicName(),
                Json.createObjectBuilder().add("version", a.version()).add("sha256", a.sha256())));
        Optional<Deployment> current = deployer.current();
        Deployer.Stats stats = deployer.stats();
        return Json.createObjectBuilder()
                .add("committed", Json.createObjectBuilder()
                        .add("deployment", committed.deployment())
                        .add("updatedBundles", updated))
                .add("previousDeployment", deployer.previous().map(p -> (JsonValue) Json.createValue(p.deployment()))
                        .orElse(JsonValue.NULL))
                .add("current", current.map(d -> (JsonValue) d.toJson()).orElse(JsonValue.NULL))
                .add("probationSecondsLeft", deployer.probationSecondsLeft())
                .add("acceptingPushes", deployer.verifierProblem() == null)
                .add("problem", Deployment.orNull(deployer.verifierProblem()))
                .add("committedCount", stats.committed())
                .add("rolledBackCount", stats.rolledBack())
                .add("refusedCount", stats.refused())
                .build();
    }

    static String text(Deployer deployer) throws IOException {
        DeploymentManifest committed = deployer.committed();
        StringBuilder out = new StringBuilder();
        out.append("Committed: ").append(committed.deployment().isEmpty() ? "no update yet (embedded bundles)"
                : "deployment " + committed.deployment()).append('\n');
        committed.bundles().values().forEach(a -> out.append(String.format("  %-40s %-16s %s%n", a.symbolicName(),
                a.version(), a.sha256().substring(0, 12))));
        Optional<Deployment> current = deployer.current();
        if (current.isPresent()) {
            Deployment d = current.get();
            out.append("Under way: ").append(d.id()).append(' ').append(d.state().label()).append(" (")
                    .append(String.join(", ", d.summary())).append(')');
            long left = deployer.probationSecondsLeft();
            if (left >= 0) {
                out.append(", ").append(left).append(" s of probation left");
            }
            out.append('\n');
        } else {
            out.append("Under way: nothing\n");
        }
        if (deployer.verifierProblem() != null) {
            out.append("Pushes refused: ").append(deployer.verifierProblem()).append('\n');
        }
        Deployer.Stats s = deployer.stats();
        out.append("Since start: ").append(s.committed()).append(" committed, ").append(s.rolledBack())
                .append(" rolled back, ").append(s.refused()).append(" refused\n");
        return out.toString();
    }
}
