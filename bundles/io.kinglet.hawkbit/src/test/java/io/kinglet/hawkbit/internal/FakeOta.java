package io.kinglet.hawkbit.internal;

import io.kinglet.ota.api.DeploymentState;
import io.kinglet.ota.api.DeploymentStatus;
import io.kinglet.ota.api.OtaDeployments;
import io.kinglet.ota.api.SubmissionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OTA agent as the client sees it through its API: it keeps what is submitted, answers busy or
 * refused when told to, and moves the deployment through the states a test sets.
 */
final class FakeOta implements OtaDeployments {

    final List<byte[]> submitted = new ArrayList<>();
    volatile boolean busy;
    volatile String refuse;
    volatile DeploymentStatus current;
    volatile String committed = "";
    volatile long maxBundleBytes = 1024 * 1024;

    @Override
    public DeploymentStatus submit(List<Path> bundles, boolean downgrade) throws SubmissionException, IOException {
        if (busy) {
            throw new SubmissionException("deployment 7 is probation; wait until it ends, or roll it back", true);
        }
        for (Path bundle : bundles) {
            submitted.add(Files.readAllBytes(bundle));
        }
        current = refuse != null
                ? new DeploymentStatus("8", DeploymentState.REFUSED, refuse, List.of(), List.of())
                : new DeploymentStatus(
                        "8", DeploymentState.INSTALLED, null, List.of("io.kinglet.demo 1.0.1"), List.of());
        return current;
    }

    void move(DeploymentState state, String reason) {
        current = new DeploymentStatus(current.id(), state, reason, current.bundles(), List.of());
        if (state == DeploymentState.COMMITTED) {
            committed = current.id();
        }
    }

    @Override
    public Optional<DeploymentStatus> status(String id) {
        return current != null && current.id().equals(id) ? Optional.of(current) : Optional.empty();
    }

    @Override
    public List<DeploymentStatus> history() {
        return current == null ? List.of() : List.of(current);
    }

    @Override
    public DeploymentStatus rollback() throws SubmissionException {
        throw new SubmissionException("there is no previous committed set to roll back to", false);
    }

    @Override
    public long probationSecondsLeft() {
        return -1;
    }

    @Override
    public Optional<String> committed() {
        return committed.isEmpty() ? Optional.empty() : Optional.of(committed);
    }

    @Override
    public long maxBundleBytes() {
        return maxBundleBytes;
    }
}
