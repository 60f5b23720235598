package io.kinglet.ota.internal;

import io.kinglet.boot.DeploymentManifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.osgi.framework.Version;

/** What a deployment changes: the bundles of a push, or the way back to the previous committed set. */
final class Intake {

    /** Version given to a bundle a rollback removes (it was new in the set being left). */
    static final String NONE = "none";

    /** What the framework runs for a symbolic name. */
    record Running(Version version, String location) {}

    private Intake() {}

    /**
     * One change per verified artifact. Refused when a name appears twice, when the same content
     * already runs, or when the version is not newer than the running one (unless {@code downgrade}).
     */
    static List<Deployment.Change> push(
            List<ArtifactVerifier.Verified> verified, boolean downgrade, Function<String, Optional<Running>> running)
            throws Refusal {
        if (verified.isEmpty()) {
            throw new Refusal(Refusal.BAD_REQUEST, "the request carried no bundle");
        }
        Set<String> names = new HashSet<>();
        List<Deployment.Change> changes = new ArrayList<>();
        for (ArtifactVerifier.Verified v : verified) {
            if (!names.add(v.symbolicName())) {
                throw new Refusal(Refusal.UNACCEPTABLE, v.symbolicName() + " appears twice in the deployment");
            }
            Optional<Running> blue = running.apply(v.symbolicName());
            Deployment.Change change = new Deployment.Change(
                    v.symbolicName(),
                    v.version().toString(),
                    v.sha256(),
                    blue.map(b -> b.version().toString()).orElse(null));
            if (blue.isPresent()) {
                if (blue.get().location().equals(change.location())) {
                    throw new Refusal(
                            Refusal.CONFLICT,
                            v.symbolicName() + " " + v.version() + " is already running (same content)");
                }
                if (v.version().compareTo(blue.get().version()) <= 0 && !downgrade) {
                    throw new Refusal(
                            Refusal.CONFLICT,
                            v.symbolicName() + " " + v.version() + " is not newer than the running "
                                    + blue.get().version()
                                    + "; push with ?downgrade=true (ota:install --downgrade) to install it anyway");
                }
            }
            changes.add(change);
        }
        return changes;
    }

    /**
     * The changes from {@code committed} back to {@code previous}: each bundle whose content differs
     * returns to its previous artifact, to its embedded version (no artifact), or goes ({@link #NONE}).
     */
    static List<Deployment.Change> rollback(
            DeploymentManifest committed, Optional<DeploymentManifest> previous, Map<String, String> embedded)
            throws Refusal {
        DeploymentManifest before = previous.orElseThrow(
                () -> new Refusal(Refusal.CONFLICT, "there is no previous committed set to roll back to"));
        Set<String> names = new LinkedHashSet<>(committed.bundles().keySet());
        names.addAll(before.bundles().keySet());
        List<Deployment.Change> changes = new ArrayList<>();
        for (String name : names) {
            DeploymentManifest.Artifact then = before.bundles().get(name);
            DeploymentManifest.Artifact now = committed.bundles().get(name);
            if (then != null && now != null && then.sha256().equals(now.sha256())) {
                continue;
            }
            String running = now == null ? null : now.version();
            if (then != null) {
                changes.add(new Deployment.Change(name, then.version(), then.sha256(), running));
            } else {
                changes.add(new Deployment.Change(name, embedded.getOrDefault(name, NONE), null, running));
            }
        }
        if (changes.isEmpty()) {
            throw new Refusal(Refusal.CONFLICT, "the committed set already equals the previous one");
        }
        return changes;
    }
}
