package io.kinglet.led.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the LED animator (PID {@code io.kinglet.led}). */
@ObjectClassDefinition(
        name = "Kinglet LED animator",
        description = "Plays animations on the Sense HAT LED matrix at a steady frame rate")
public @interface LedConfiguration {

    @AttributeDefinition(
            name = "Output",
            description = "sensehat: the Sense HAT's 8x8 matrix through its Linux framebuffer (found by the name"
                    + " 'RPi-Sense FB' under the sysfs root); none: frames are only previewed (led:show, /led/frame)",
            options = {@Option(value = "sensehat", label = "Sense HAT matrix"), @Option(value = "none", label = "None")
            })
    String output() default "sensehat";

    @AttributeDefinition(
            name = "Frames per second",
            min = "1",
            max = "120",
            description = "Frame rate; frames are scheduled on absolute deadlines, an overrun skips frames")
    int fps() default 30;

    @AttributeDefinition(
            name = "Brightness (%)",
            min = "0",
            max = "100",
            description = "Scales every colour; led:brightness changes it until the next configuration")
    int brightness() default 50;

    @AttributeDefinition(
            name = "Gamma",
            min = "1.0",
            max = "3.0",
            description = "Colour correction exponent applied after brightness; 1.0 leaves values linear"
                    + " (the Sense HAT's firmware applies its own gamma table)")
    double gamma() default 1.0;

    @AttributeDefinition(
            name = "Rotation (degrees)",
            description = "Turns the picture clockwise to match how the device is mounted",
            options = {
                @Option(value = "0", label = "0"),
                @Option(value = "90", label = "90"),
                @Option(value = "180", label = "180"),
                @Option(value = "270", label = "270")
            })
    int rotation() default 0;

    @AttributeDefinition(
            name = "Sysfs root",
            description = "Where class/graphics/fb*/name is searched for the matrix's framebuffer (/sys on a device)")
    String sysfsRoot() default "/sys";

    @AttributeDefinition(
            name = "Dev root",
            description = "Where the framebuffer device fbN is opened (/dev on a device)")
    String devRoot() default "/dev";

    @AttributeDefinition(
            name = "Default animation",
            required = false,
            description = "Played at start and after led:stop's fallback ends; empty: the matrix stays dark")
    String defaultAnimation() default "status";

    @AttributeDefinition(
            name = "Default animation's parameters",
            required = false,
            description = "key=value pairs, e.g. state=ok")
    String[] defaultParameters() default {};

    @AttributeDefinition(
            name = "Faults before fallback",
            min = "1",
            max = "1000",
            description = "An animation that throws this many times in a row, or overruns its frame this many"
                    + " times in a row, is stopped and replaced by the fallback (the matrix dark)")
    int faultsBeforeFallback() default 3;
}
