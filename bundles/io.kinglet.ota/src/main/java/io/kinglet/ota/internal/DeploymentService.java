package io.kinglet.ota.internal;

import io.kinglet.ota.api.DeploymentState;
import io.kinglet.ota.api.DeploymentStatus;
import io.kinglet.ota.api.OtaDeployments;
import io.kinglet.ota.api.SubmissionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link OtaDeployments} for bundles inside the runtime (the hawkBit client): each file goes through
 * the same intake as an HTTP upload (streamed into the incoming area, hashed, size-limited) and the
 * set through the same {@link OtaAgent#push} — no second install path.
 */
@Component
public class DeploymentService implements OtaDeployments {

    private final OtaAgent agent;

    @Activate
    public DeploymentService(@Reference OtaAgent agent) {
        this.agent = agent;
    }

    @Override
    public DeploymentStatus submit(List<Path> bundles, boolean downgrade) throws SubmissionException, IOException {
        List<ArtifactStore.Received> uploads = new ArrayList<>();
        Submissions.Submitted submitted;
        try {
            for (Path bundle : bundles) {
                try (InputStream in = Files.newInputStream(bundle)) {
                    uploads.add(agent.receive(in));
                }
            }
            submitted = agent.push(uploads, downgrade);
        } catch (Refusal refusal) {
            agent.discard(uploads);
            // refused before a deployment was recorded: the agent is busy, or a file found no room
            throw new SubmissionException(refusal.getMessage(), refusal.status() == Refusal.CONFLICT);
        } catch (IOException e) {
            agent.discard(uploads);
            throw e;
        }
        boolean accepted = submitted.status() < 300;
        return status(submitted.id())
                .orElseGet(() -> new DeploymentStatus(
                        submitted.id(),
                        accepted ? DeploymentState.INSTALLED : DeploymentState.REFUSED,
                        accepted ? null : submitted.summary(),
                        List.of(),
                        List.of()));
    }

    @Override
    public Optional<DeploymentStatus> status(String id) throws IOException {
        return agent.find(id).map(DeploymentService::status);
    }

    @Override
    public List<DeploymentStatus> history() throws IOException {
        return agent.history().stream().map(DeploymentService::status).toList();
    }

    @Override
    public DeploymentStatus rollback() throws SubmissionException, IOException {
        Submissions.Submitted submitted;
        try {
            submitted = agent.rollback();
        } catch (Refusal refusal) {
            throw new SubmissionException(refusal.getMessage(), false);
        }
        return status(submitted.id())
                .orElseThrow(() -> new IOException("rollback " + submitted.id() + " is not in the journal"));
    }

    @Override
    public long probationSecondsLeft() {
        return agent.probationSecondsLeft();
    }

    private static DeploymentStatus status(Deployment d) {
        return new DeploymentStatus(
                d.id(),
                d.state(),
                d.reason(),
                d.summary(),
                d.transitions().stream()
                        .map(t -> new DeploymentStatus.Transition(t.state(), t.at()))
                        .toList());
    }

    @Override
    public Optional<String> committed() throws IOException {
        String id = agent.committed().deployment();
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    @Override
    public long maxBundleBytes() {
        return agent.maxArtifactBytes();
    }
}
