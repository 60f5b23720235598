package io.kinglet.sensehat.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One alert (factory PID {@code io.kinglet.sensehat.alert}: a file {@code io.kinglet.sensehat.alert-<name>.cfg}). */
@ObjectClassDefinition(
        name = "Kinglet Sense HAT alert",
        description = "A threshold on one quantity, with hysteresis and a minimum duration")
public @interface AlertRuleConfiguration {

    @AttributeDefinition(
            name = "Name",
            description = "What the alert is called in messages, e.g. 'server room too hot'")
    String name();

    @AttributeDefinition(
            name = "Quantity",
            options = {
                @Option(label = "temperature", value = "temperature"),
                @Option(label = "humidity", value = "humidity"),
                @Option(label = "pressure", value = "pressure"),
                @Option(label = "barometer_temperature", value = "barometer_temperature"),
                @Option(label = "cpu_temperature", value = "cpu_temperature")
            })
    String quantity();

    @AttributeDefinition(name = "Minimum", description = "Raised below this; leave out for no lower bound")
    double min() default -1.0e9;

    @AttributeDefinition(name = "Maximum", description = "Raised above this; leave out for no upper bound")
    double max() default 1.0e9;

    @AttributeDefinition(
            name = "Hysteresis",
            min = "0",
            description = "How far back inside the bounds the value must come before the alert clears")
    double hysteresis() default 0.5;

    @AttributeDefinition(
            name = "Minimum duration (s)",
            min = "0",
            max = "86400",
            description = "How long the value must stay outside (to raise) or back inside (to clear)")
    int durationSeconds() default 30;
}
