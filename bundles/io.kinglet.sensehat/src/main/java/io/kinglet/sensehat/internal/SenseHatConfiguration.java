package io.kinglet.sensehat.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the Sense HAT reader (PID {@code io.kinglet.sensehat}). */
@ObjectClassDefinition(
        name = "Kinglet Sense HAT",
        description = "Reads the Sense HAT's environment and motion sensors and publishes the values")
public @interface SenseHatConfiguration {

    @AttributeDefinition(
            name = "I2C provider",
            description = "Which I2C bus service to use, as an LDAP filter on kinglet.i2c.provider: the simulation"
                    + " ((kinglet.i2c.provider=simulated)) or the device's own buses ((kinglet.i2c.provider=linuxfs))")
    String i2c_target() default "(kinglet.i2c.provider=simulated)";

    @AttributeDefinition(name = "I2C bus", min = "0", max = "255", description = "The bus the HAT is on: 1 on a Pi")
    int bus() default 1;

    @AttributeDefinition(
            name = "Sample interval (s)",
            min = "1",
            max = "3600",
            description = "How often every chip is read")
    int intervalSeconds() default 10;

    @AttributeDefinition(
            name = "Published quantities",
            options = {
                @Option(label = "temperature", value = "temperature"),
                @Option(label = "humidity", value = "humidity"),
                @Option(label = "pressure", value = "pressure"),
                @Option(label = "barometer_temperature", value = "barometer_temperature"),
                @Option(label = "temperature_uncompensated", value = "temperature_uncompensated"),
                @Option(label = "cpu_temperature", value = "cpu_temperature"),
                @Option(label = "acceleration_x", value = "acceleration_x"),
                @Option(label = "acceleration_y", value = "acceleration_y"),
                @Option(label = "acceleration_z", value = "acceleration_z"),
                @Option(label = "rotation_x", value = "rotation_x"),
                @Option(label = "rotation_y", value = "rotation_y"),
                @Option(label = "rotation_z", value = "rotation_z"),
                @Option(label = "magnetic_x", value = "magnetic_x"),
                @Option(label = "magnetic_y", value = "magnetic_y"),
                @Option(label = "magnetic_z", value = "magnetic_z")
            },
            description = "Which readings go to telemetry (sensehat/<quantity>): temperature, humidity, pressure,"
                    + " barometer_temperature, acceleration_x .. _z, rotation_x .. _z, magnetic_x .. _z")
    String[] publish() default {"temperature", "humidity", "pressure"};

    @AttributeDefinition(
            name = "Longest retry (s)",
            min = "1",
            max = "3600",
            description = "A chip that does not answer is tried again after one interval, then twice as long each"
                    + " time, up to this")
    int retryMaxSeconds() default 300;

    @AttributeDefinition(
            name = "Webhook URL",
            type = AttributeType.PASSWORD,
            description = "Where alerts are POSTed as Slack-compatible JSON ({\"text\": ...}); empty for none. A"
                    + " secret (Slack's URLs carry a token): only its host is ever logged")
    String webhook_url() default "";

    @AttributeDefinition(name = "Webhook timeout (s)", min = "1", max = "120", description = "Per attempt")
    int webhook_timeoutSeconds() default 5;

    @AttributeDefinition(
            name = "Webhook retries",
            min = "0",
            max = "20",
            description = "Attempts after the first, 1 s apart and then twice as long each time (up to 60 s)")
    int webhook_retries() default 4;

    @AttributeDefinition(
            name = "Webhook queue",
            min = "1",
            max = "1000",
            description = "Messages waiting or being retried at most; beyond that the new one is dropped and logged")
    int webhook_maxQueued() default 50;

    @AttributeDefinition(
            name = "sysfs root",
            description = "Where /sys is: the joystick and the thermal zone are found under it (the simulation's"
                    + " tree in the default profile)")
    String sysfsRoot() default "/sys";

    @AttributeDefinition(name = "/dev root", description = "Where /dev is: the joystick's input device is under it")
    String devRoot() default "/dev";

    @AttributeDefinition(
            name = "CPU heat compensation",
            min = "0",
            max = "100",
            description = "0 for none; else temperature = sensor - (cpu - sensor) / factor (about 1.5 to 2.5 on a"
                    + " Pi 4 with the HAT on top; the uncompensated value stays as temperature_uncompensated)")
    double compensation_factor() default 0;
}
