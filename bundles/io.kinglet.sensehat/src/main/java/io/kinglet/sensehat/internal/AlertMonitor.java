package io.kinglet.sensehat.internal;

import io.kinglet.sensehat.api.Alert;
import io.kinglet.telemetry.api.Priority;
import io.kinglet.telemetry.api.Telemetry;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every configured alert against the readings. Raising or clearing one is a log line, an Event
 * Admin event ({@code io/kinglet/sensehat/alert/RAISED|CLEARED}), a telemetry message
 * ({@code sensehat/alert}) and, when a URL is configured, a webhook.
 */
@Component(service = {AlertMonitor.class, SampleListener.class})
public class AlertMonitor implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);
    static final String TOPIC = "io/kinglet/sensehat/alert/";

    /** An alert that is on, for /health and the shell. */
    record Active(String name, Quantity quantity, double value, String breach, Instant since) {

        String describe() {
            return String.format(
                    "%s: %s %.2f %s %s since %s", name, quantity.label(), value, quantity.unit, breach, since);
        }
    }

    private final EventAdmin events;
    private final WebhookSender webhook;
    private final JsonProvider json;
    private final Map<AlertRule, Threshold> thresholds = new ConcurrentHashMap<>();
    private final Map<AlertRule, Active> active = new ConcurrentHashMap<>();

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Telemetry telemetry;

    @Activate
    public AlertMonitor(@Reference EventAdmin events, @Reference WebhookSender webhook, @Reference JsonProvider json) {
        this.events = events;
        this.webhook = webhook;
        this.json = json;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRule(AlertRule rule) {
        thresholds.put(rule, rule.threshold());
    }

    void removeRule(AlertRule rule) {
        thresholds.remove(rule);
        if (active.remove(rule) != null) {
            LOG.info("Sense HAT: alert '{}' removed with its configuration while raised", rule.name);
        }
    }

    @Override
    public void sampled(Map<Quantity, SenseHat.Reading> readings) {
        thresholds.forEach((rule, threshold) -> {
            SenseHat.Reading reading = readings.get(rule.quantity);
            if (reading == null) {
                return;
            }
            switch (threshold.evaluate(reading.at(), reading.value())) {
                case RAISED -> raised(rule, reading, threshold.breach(reading.value()));
                case CLEARED -> cleared(rule, reading);
                case NONE -> {}
            }
        });
    }

    private void raised(AlertRule rule, SenseHat.Reading reading, String breach) {
        Active alert = new Active(rule.name, rule.quantity, reading.value(), breach, reading.at());
        active.put(rule, alert);
        String text = "Alert raised: " + alert.describe();
        LOG.warn("Sense HAT: {}", text);
        announce("RAISED", rule, reading, text);
    }

    private void cleared(AlertRule rule, SenseHat.Reading reading) {
        active.remove(rule);
        String text = String.format(
                "Alert cleared: %s: %s back to %.2f %s",
                rule.name, rule.quantity.label(), reading.value(), rule.quantity.unit);
        LOG.info("Sense HAT: {}", text);
        announce("CLEARED", rule, reading, text);
    }

    private void announce(String change, AlertRule rule, SenseHat.Reading reading, String text) {
        events.postEvent(new Event(
                TOPIC + change,
                Map.of(
                        "name",
                        rule.name,
                        "quantity",
                        rule.quantity.label(),
                        "value",
                        reading.value(),
                        "unit",
                        rule.quantity.unit)));
        Telemetry t = telemetry;
        if (t != null) {
            String body = json.createObjectBuilder()
                    .add("alert", rule.name)
                    .add("state", change.toLowerCase())
                    .add("quantity", rule.quantity.label())
                    .add("value", reading.value())
                    .add("unit", rule.quantity.unit)
                    .add("timestamp", reading.at().toString())
                    .build()
                    .toString();
            t.publishJson("sensehat/alert", body, 1, Priority.HIGH);
        }
        if (webhook.configured()) {
            webhook.send(text);
        }
    }

    List<Active> active() {
        return new ArrayList<>(active.values());
    }

    /** Every configured alert with its thresholds and, when raised, what and since when; by name. */
    List<Alert> alerts() {
        return thresholds.keySet().stream()
                .map(rule -> {
                    Active raised = active.get(rule);
                    return new Alert(
                            rule.name,
                            rule.quantity.label(),
                            rule.quantity.unit,
                            rule.min,
                            rule.max,
                            raised != null,
                            raised == null ? "" : raised.describe());
                })
                .sorted(Comparator.comparing(Alert::name))
                .toList();
    }

    int rules() {
        return thresholds.size();
    }
}
