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
                    + " 'RPi-Sense FB' under the sysfs root); apa102 or ws2812: an addressable strip or matrix on SPI"
                    + " (WS2812 bits encoded on MOSI at 2.4 MHz: no root, PWM or DMA needed); none: frames are only"
                    + " previewed (led:show, /led/frame)",
            options = {
                @Option(value = "sensehat", label = "Sense HAT matrix"),
                @Option(value = "apa102", label = "APA102 strip on SPI"),
                @Option(value = "ws2812", label = "WS2812 strip on SPI"),
                @Option(value = "none", label = "None")
            })
    String output() default "sensehat";

    @AttributeDefinition(
            name = "Width",
            min = "1",
            max = "2000",
            description = "A strip's LEDs per row (its length, for a single strip); the Sense HAT matrix is 8x8")
    int width() default 8;

    @AttributeDefinition(name = "Height", min = "1", max = "256", description = "A strip's rows (1 for a single strip)")
    int height() default 1;

    @AttributeDefinition(
            name = "Layout",
            description = "How a strip is laid out as a matrix: rows all left to right, or serpentine (every"
                    + " second row right to left, as most LED matrices are wired)",
            options = {@Option(value = "rows", label = "Rows"), @Option(value = "serpentine", label = "Serpentine")})
    String layout() default "rows";

    @AttributeDefinition(
            name = "Colour order",
            required = false,
            description = "The order the strip's chips take colours in, e.g. GRB; empty: the chip's own (APA102 BGR,"
                    + " WS2812 GRB)")
    String colorOrder() default "";

    @AttributeDefinition(
            name = "SPI bus",
            description = "Target filter of the SPI bus service: the simulation in the default profile, the"
                    + " kernel's (kinglet.spi.provider=linuxfs) on a device")
    String spi_target() default "(kinglet.spi.provider=simulated)";

    @AttributeDefinition(name = "SPI bus number", min = "0", max = "255", description = "/dev/spidev<bus>.<cs>")
    int spiBus() default 0;

    @AttributeDefinition(name = "SPI chip select", min = "0", max = "255", description = "/dev/spidev<bus>.<cs>")
    int spiChipSelect() default 0;

    @AttributeDefinition(
            name = "SPI clock (Hz)",
            min = "100000",
            max = "32000000",
            description = "APA102 clock; WS2812 always uses 2.4 MHz (3 SPI bits per WS2812 bit)")
    int spiSpeedHz() default 4_000_000;

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
