package io.kinglet.hawkbit.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code hawkbit:status} and {@code hawkbit:poll}. */
@Component(
        service = HawkbitCommands.class,
        property = {"osgi.command.scope=hawkbit", "osgi.command.function=status", "osgi.command.function=poll"})
public class HawkbitCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HawkbitClient client;

    @Descriptor("the server, the last answer, the action under way and the feedback not yet delivered")
    public String status() {
        HawkbitClient running = client;
        if (running == null) {
            return HawkbitHealthCheck.OFF;
        }
        HawkbitClient.Status status = running.status();
        List<String> lines = new ArrayList<>();
        lines.add("server: " + running.server());
        lines.add("last answer: " + (status.lastAnswer() == null ? "none yet" : status.lastAnswer()) + ", polls "
                + status.polls() + ", next poll " + status.nextPoll());
        if (!status.problem().isEmpty()) {
            lines.add("problem: " + status.problem() + " (" + status.failures() + " failed in a row)");
        }
        ClientState.Action action = running.controller().action();
        lines.add("action: "
                + (action == null
                        ? "none"
                        : action.actionId() + " (" + action.distribution() + "): "
                                + action.phase().name().toLowerCase()
                                + (action.deploymentId().isEmpty() ? "" : ", OTA deployment " + action.deploymentId())
                                + (action.reported().isEmpty() ? "" : ", " + action.reported())));
        lines.add("feedback pending: " + running.state().pending().size());
        Controller.Outcomes outcomes = running.controller().outcomes();
        lines.add("actions since start: " + outcomes.succeeded.get() + " succeeded, " + outcomes.failed.get()
                + " failed, " + outcomes.canceled.get() + " canceled");
        if (!running.state().damage().isEmpty()) {
            lines.add("state: " + running.state().damage());
        }
        return String.join("\n", lines);
    }

    @Descriptor("poll the server now instead of at the next poll's time")
    public String poll() {
        HawkbitClient running = client;
        if (running == null) {
            return HawkbitHealthCheck.OFF;
        }
        return running.pollNow() ? "polling " + running.server() + " now" : "a poll is under way";
    }
}
