package io.kinglet.sensehat.internal;

import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One configured alert, as a service the {@link AlertMonitor} picks up and drops as files come and go. */
@Component(
        service = AlertRule.class,
        configurationPid = AlertRule.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AlertRuleConfiguration.class, factory = true)
public class AlertRule {

    static final String FACTORY_PID = "io.kinglet.sensehat.alert";

    final String name;
    final Quantity quantity;
    final double min;
    final double max;
    final double hysteresis;
    final Duration duration;

    @Activate
    public AlertRule(AlertRuleConfiguration config) {
        this.name = config.name();
        this.quantity = Quantity.valueOf(config.quantity().toUpperCase());
        this.min = config.min();
        this.max = config.max();
        this.hysteresis = config.hysteresis();
        this.duration = Duration.ofSeconds(config.durationSeconds());
    }

    Threshold threshold() {
        return new Threshold(min, max, hysteresis, duration);
    }
}
