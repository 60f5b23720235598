package io.kinglet.led.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One reaction of the LED animator to the device's events (factory PID
 * {@code io.kinglet.led.reaction}, a file {@code io.kinglet.led.reaction-<name>.cfg} each).
 */
@ObjectClassDefinition(
        name = "Kinglet LED reaction",
        description = "Plays an animation while something happens on the device: from an Event Admin event until"
                + " an ending event or for some seconds, over the animation asked for, highest priority first")
public @interface ReactionConfiguration {

    @AttributeDefinition(
            name = "Start topics",
            description = "Event Admin topics that start the reaction, e.g. io/kinglet/ota/RECEIVED or"
                    + " io/kinglet/sensehat/alert/RAISED; a topic may end in /* ")
    String[] topics();

    @AttributeDefinition(
            name = "End topics",
            required = false,
            description = "Topics that end it, e.g. io/kinglet/ota/COMMITTED; none: it ends after 'seconds'")
    String[] endTopics() default {};

    @AttributeDefinition(
            name = "Key",
            required = false,
            description = "Event property telling instances apart (deployment for OTA, name for Sense HAT alerts):"
                    + " an end event ends only the instance with the same value; empty: one instance")
    String key() default "";

    @AttributeDefinition(
            name = "Filter",
            required = false,
            description = "LDAP filter on the start event's properties, e.g. (quantity=temperature); empty: any")
    String filter() default "";

    @AttributeDefinition(
            name = "Seconds",
            min = "0",
            max = "86400",
            description = "How long it plays at most; 0: until an end topic arrives")
    int seconds() default 0;

    @AttributeDefinition(name = "Animation", description = "The animation to play, e.g. status")
    String animation();

    @AttributeDefinition(
            name = "Parameters",
            required = false,
            description = "The animation's key=value parameters, e.g. state=busy")
    String[] parameters() default {};

    @AttributeDefinition(
            name = "Priority",
            min = "1",
            max = "1000",
            description = "Among reactions playing at once the highest shows (an alert above an update in"
                    + " progress); every reaction shows over the animation asked for with led:play or the default")
    int priority() default 50;
}
