package io.kinglet.hawkbit.internal;

import io.kinglet.hawkbit.internal.ClientState.Action;
import io.kinglet.hawkbit.internal.ClientState.Phase;
import io.kinglet.hawkbit.internal.Feedback.Outcome;
import io.kinglet.ota.api.DeploymentState;
import io.kinglet.ota.api.DeploymentStatus;
import io.kinglet.ota.api.OtaDeployments;
import io.kinglet.ota.api.SubmissionException;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's side of DDI, on the client's own thread: each poll sends the feedback still pending,
 * reads the base resource, keeps the attributes current, and takes the action the server names —
 * a cancel, or a deployment: downloaded in the background ({@link Downloads}), handed to the OTA agent
 * as one deployment when the update may run (its handling and the maintenance window), and followed to
 * committed or rolled back, each step reported back.
 */
final class Controller implements Downloads.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final DdiClient client;
    private final DdiParser parser;
    private final JsonProvider json;
    private final ClientState state;
    private final OtaDeployments ota;
    private final Downloads downloads;
    private final DeviceAttributes attributes;
    private final Outcomes outcomes = new Outcomes();

    Controller(
            DdiClient client,
            DdiParser parser,
            JsonProvider json,
            ClientState state,
            OtaDeployments ota,
            Downloads downloads,
            DeviceAttributes attributes) {
        this.client = client;
        this.parser = parser;
        this.json = json;
        this.state = state;
        this.ota = ota;
        this.downloads = downloads;
        this.attributes = attributes;
        downloads.listener(this);
    }

    /** One poll; returns the server's sleep. */
    Duration poll() throws IOException, InterruptedException {
        flush();
        Ddi.Base base = parser.base(client.get(client.base()));
        Map<String, String> now = attributes.now(ota);
        String current = DeviceAttributes.json(json, now);
        if (base.configData() != null || !current.equals(state.attributes())) {
            client.put(base.configData() != null ? base.configData() : resolve("configData"), current);
            state.attributes(current);
            LOG.info("hawkBit: attributes sent ({})", DeviceAttributes.describe(now));
        }
        if (base.cancelAction() != null) {
            cancel(parser.cancel(client.get(base.cancelAction())));
        } else if (base.deploymentBase() != null) {
            deploy(parser.deployment(client.get(base.deploymentBase())));
        }
        track();
        flush();
        return base.sleep();
    }

    private void deploy(Ddi.Deployment d) throws IOException {
        Action action = state.action();
        if (action != null && !action.actionId().equals(d.actionId())) {
            if (action.phase() == Phase.SUBMITTED) {
                return; // one deployment at a time: the new action waits until this one has ended
            }
            LOG.info(
                    "hawkBit: action {} replaced by action {} before it was installed",
                    action.actionId(),
                    d.actionId());
            downloads.abandon();
            action = null;
        }
        if (action == null) {
            if (d.download() == Ddi.Handling.SKIP) {
                return; // the server will say when to download
            }
            if (d.bundles().isEmpty()) {
                finish(
                        d.actionId(),
                        Outcome.FAILURE,
                        "the distribution set " + d.describe()
                                + " holds no OSGi bundle (a .jar artifact); Kinglet installs bundles only");
                return;
            }
            LOG.info(
                    "hawkBit: action {}: downloading {} bundle(s) of {}",
                    d.actionId(),
                    d.bundles().size(),
                    d.describe());
            action = new Action(d.actionId(), d.describe(), Phase.DOWNLOADING, "", "");
            state.action(action);
            report(Feedback.progress(json, d.actionId(), 0, d.bundles().size(), "downloading " + d.describe()));
        }
        switch (action.phase()) {
            case DOWNLOADING -> downloads.start(d, ota.maxBundleBytes());
            case DOWNLOADED -> {
                List<Path> files = downloads.files(d);
                if (files == null) {
                    // gone since (a cleaned disk): fetched again, resumed where it can be
                    state.action(action.in(Phase.DOWNLOADING, ""));
                    downloads.start(d, ota.maxBundleBytes());
                } else if (d.mayInstall()) {
                    submit(action, files);
                }
            }
            case SUBMITTED -> {}
        }
    }

    @Override
    public void progress(Ddi.Deployment d, int done, int of) throws IOException {
        Action action = state.action();
        if (action != null && action.actionId().equals(d.actionId()) && done < of) {
            report(Feedback.progress(json, d.actionId(), done, of, "downloaded " + done + " of " + of + " bundles"));
        }
    }

    /** The download of {@code d}'s bundles ended; on the client's thread. */
    @Override
    public void downloaded(Ddi.Deployment d, List<Path> files, Exception failure) throws IOException {
        Action action = state.action();
        if (action == null || !action.actionId().equals(d.actionId()) || action.phase() != Phase.DOWNLOADING) {
            return; // canceled or replaced meanwhile
        }
        if (failure != null) {
            downloads.abandon();
            finish(d.actionId(), Outcome.FAILURE, "download failed: " + failure.getMessage());
            return;
        }
        action = action.in(Phase.DOWNLOADED, "");
        state.action(action);
        if (d.mayInstall()) {
            report(Feedback.deployment(
                    json, d.actionId(), Outcome.DOWNLOADED, "downloaded and verified " + files.size() + " bundle(s)"));
            submit(action, files);
        } else {
            // a closed window comes with update "skip": the window is the reason to give
            String why = Boolean.FALSE.equals(d.windowOpen())
                    ? "installing when the maintenance window opens"
                    : "the server says not to install yet";
            LOG.info("hawkBit: action {}: downloaded; {}", d.actionId(), why);
            report(Feedback.deployment(json, d.actionId(), Outcome.DOWNLOADED, "downloaded; " + why));
        }
    }

    private void submit(Action action, List<Path> files) throws IOException {
        DeploymentStatus status;
        try {
            status = ota.submit(files, true);
        } catch (SubmissionException e) {
            if (e.busy()) {
                LOG.info("hawkBit: action {} waits: {}", action.actionId(), e.getMessage());
                return;
            }
            downloads.abandon();
            finish(action.actionId(), Outcome.FAILURE, "the OTA agent did not take it: " + e.getMessage());
            return;
        }
        if (status.state() == DeploymentState.REFUSED) {
            downloads.abandon();
            finish(action.actionId(), Outcome.FAILURE, "refused by the OTA agent: " + status.reason());
            return;
        }
        LOG.info("hawkBit: action {} is OTA deployment {}", action.actionId(), status.id());
        state.action(action.in(Phase.SUBMITTED, status.id()));
        report(Feedback.deployment(
                json,
                action.actionId(),
                Outcome.PROCEEDING,
                "OTA deployment " + status.id() + ": installed, switching"));
    }

    /** Reports what the OTA agent did with the submitted deployment since the last look. */
    void track() throws IOException {
        Action action = state.action();
        if (action == null || action.phase() != Phase.SUBMITTED) {
            return;
        }
        Optional<DeploymentStatus> found = ota.status(action.deploymentId());
        if (found.isEmpty()) {
            finish(
                    action.actionId(),
                    Outcome.FAILURE,
                    "the OTA agent no longer knows deployment " + action.deploymentId());
            return;
        }
        DeploymentStatus status = found.get();
        if (status.state().label().equals(action.reported())) {
            return;
        }
        state.action(action.reporting(status.state().label()));
        String which = "OTA deployment " + status.id() + " (" + String.join(", ", status.bundles()) + ")";
        switch (status.state()) {
            case PROBATION ->
                report(Feedback.deployment(
                        json, action.actionId(), Outcome.PROCEEDING, which + ": switched, on probation"));
            case COMMITTED -> finish(action.actionId(), Outcome.SUCCESS, which + ": committed");
            case ROLLED_BACK, REFUSED ->
                finish(
                        action.actionId(),
                        Outcome.FAILURE,
                        which + ": " + status.state().label() + ": " + status.reason());
            default -> {}
        }
    }

    private void cancel(Ddi.Cancel c) throws IOException {
        Action action = state.action();
        if (action != null && action.actionId().equals(c.stopId()) && action.phase() == Phase.SUBMITTED) {
            LOG.info("hawkBit: cancel of action {} rejected: it has switched already", c.stopId());
            report(Feedback.cancel(
                    json,
                    c.actionId(),
                    Outcome.REJECTED,
                    "OTA deployment " + action.deploymentId()
                            + " has switched already; it ends with its probation (committed or rolled back)"));
            return;
        }
        if (action != null && action.actionId().equals(c.stopId())) {
            downloads.abandon();
            state.action(null);
        }
        LOG.info("hawkBit: action {} canceled before anything switched", c.stopId());
        outcomes.canceled.incrementAndGet();
        report(Feedback.cancel(json, c.actionId(), Outcome.SUCCESS, "canceled before anything switched"));
    }

    private void finish(String actionId, Outcome outcome, String detail) throws IOException {
        if (outcome == Outcome.SUCCESS) {
            outcomes.succeeded.incrementAndGet();
            LOG.info("hawkBit: action {} succeeded: {}", actionId, detail);
        } else {
            outcomes.failed.incrementAndGet();
            LOG.warn("hawkBit: action {} failed: {}", actionId, detail);
        }
        Action action = state.action();
        if (action != null && action.actionId().equals(actionId)) {
            downloads.abandon();
            state.action(null);
        }
        report(Feedback.deployment(json, actionId, outcome, detail));
    }

    private void report(Feedback feedback) throws IOException {
        state.queue(feedback);
    }

    /** Sends the pending feedback in order; stops at the first the server does not take now. */
    void flush() throws IOException, InterruptedException {
        for (Feedback f : state.pending()) {
            try {
                client.post(resolve(f.path()), f.json());
            } catch (DdiException e) {
                if (e.status() != 404 && e.status() != 410) {
                    throw e;
                }
                LOG.warn("hawkBit: feedback to {} dropped: {}", f.path(), e.getMessage());
            }
            state.sent(f);
        }
    }

    private URI resolve(String path) {
        return URI.create(client.base() + "/" + path);
    }

    Action action() {
        return state.action();
    }

    Outcomes outcomes() {
        return outcomes;
    }

    /** Actions ended since the client started, for metrics and the shell. */
    static final class Outcomes {
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong canceled = new AtomicLong();
    }
}
