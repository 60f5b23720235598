package io.kinglet.sensehat.internal;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code sense:alert-test}: sends a test message to the webhook and waits for its answer, as the
 * service Kinglet replaces did. A gogo {@link Function} rather than a method, because a method name
 * cannot carry the hyphen of the command's name.
 */
@Component(
        service = Function.class,
        property = {"osgi.command.scope=sense", "osgi.command.function=alert-test"})
public class AlertTestCommand implements Function {

    private final WebhookSender webhook;

    @Activate
    public AlertTestCommand(@Reference WebhookSender webhook) {
        this.webhook = webhook;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws InterruptedException {
        if (!arguments.isEmpty()) {
            return "sense:alert-test takes no arguments (it sends a test message to io.kinglet.sensehat's webhook.url)";
        }
        try {
            int status = webhook.send("Kinglet Sense HAT: test alert (sense:alert-test)")
                    .get();
            return "Webhook to " + webhook.target() + " answered HTTP " + status;
        } catch (ExecutionException e) {
            return "Webhook to " + webhook.target() + " failed: " + WebhookSender.reason(e.getCause());
        }
    }
}
