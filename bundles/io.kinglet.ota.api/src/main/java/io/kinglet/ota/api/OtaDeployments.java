package io.kinglet.ota.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Deployments submitted from inside the runtime, by a fleet client for instance: the same install path
 * as a push to {@code /ota/deployments} — verification (the signature by a trusted key), green beside
 * blue, switch, probation, and commit or automatic rollback — and the same one-at-a-time rule. The
 * history and a manual rollback too, as the operator's console shows and offers them.
 */
@ProviderType
public interface OtaDeployments {

    /**
     * Submits bundles as one deployment. Their content is copied into the agent's store during the
     * call (size-limited as a push is), so the caller may delete the files afterwards. Returns once the
     * deployment is verified and installed, its switch and probation then running in the background,
     * or once it is refused (state {@link DeploymentState#REFUSED} with the reason).
     *
     * @param bundles the bundle files
     * @param downgrade whether a bundle may be older than the one it replaces
     * @throws SubmissionException when nothing was recorded: another deployment is under way ({@link
     *     SubmissionException#busy()}), or a file was too large or found no room
     * @throws IOException when a file cannot be read
     */
    DeploymentStatus submit(List<Path> bundles, boolean downgrade) throws SubmissionException, IOException;

    /** The deployment as it is now; empty when it is unknown (never submitted, or gone from the history). */
    Optional<DeploymentStatus> status(String id) throws IOException;

    /** The deployments the agent remembers, newest first. */
    List<DeploymentStatus> history() throws IOException;

    /**
     * Goes back to the previous committed set, through the same switch and probation as a deployment.
     *
     * @throws SubmissionException when there is no previous set, or another deployment is under way
     */
    DeploymentStatus rollback() throws SubmissionException, IOException;

    /** Seconds of probation left for the deployment under way; -1 outside probation. */
    long probationSecondsLeft();

    /**
     * The id of the deployment the committed set came from (a push, a fleet rollout, a rollback);
     * empty while the device runs only the bundles it was installed with.
     */
    Optional<String> committed() throws IOException;

    /** The largest bundle a deployment takes, in bytes. */
    long maxBundleBytes();
}
