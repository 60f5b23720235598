package io.kinglet.hardware.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the simulated hardware (PID {@code io.kinglet.hardware.sim}); every property has a working default. */
@ObjectClassDefinition(
        name = "Kinglet simulated hardware",
        description = "Register-level models of the Sense HAT's HTS221, LPS25H and LSM9DS1 on a simulated I2C bus"
                + " (I2cBus service with kinglet.i2c.provider=simulated), and the environment they measure")
public @interface SimulationConfiguration {

    @AttributeDefinition(
            name = "I2C bus number",
            min = "0",
            max = "255",
            description = "The bus the chips answer on, as /dev/i2c-<n> on a device (the Sense HAT sits on bus 1);"
                    + " opening another bus fails")
    int bus() default 1;

    @AttributeDefinition(
            name = "Root of the simulated sys/ and dev/ trees",
            required = false,
            description = "Folder in which to simulate the Sense HAT joystick (sys/class/input/event0/device/name,"
                    + " dev/input/event0, pressed with sim:press) and the CPU thermal zone"
                    + " (sys/class/thermal/thermal_zone0/temp, following sim:set cpu); point the Sense HAT"
                    + " reader's sysfs and dev roots at <root>/sys and <root>/dev. Empty: neither is simulated")
    String root() default "";

    @AttributeDefinition(
            name = "Drift",
            description = "Let the true values wander slowly and boundedly around their set points (about ±0.4 °C,"
                    + " ±1.5 %rH, ±0.6 hPa, CPU ±1.5 °C over tens of minutes); off holds them exactly at the set"
                    + " points")
    boolean drift() default true;

    @AttributeDefinition(
            name = "Temperature (°C)",
            min = "-40",
            max = "85",
            description = "Initial set point of the true temperature; sim:set temperature moves it live")
    double temperature() default 21.5;

    @AttributeDefinition(
            name = "Humidity (%rH)",
            min = "0",
            max = "100",
            description = "Initial set point of the true relative humidity; sim:set humidity moves it live")
    double humidity() default 40;

    @AttributeDefinition(
            name = "Pressure (hPa)",
            min = "260",
            max = "1260",
            description = "Initial set point of the true air pressure; sim:set pressure moves it live")
    double pressure() default 1013.25;

    @AttributeDefinition(
            name = "HTS221 H0_rH_x2",
            min = "0",
            max = "255",
            description = "Calibration register 0x30: the lower humidity point in %rH × 2; must differ from H1")
    int hts221H0RhX2() default 61;

    @AttributeDefinition(
            name = "HTS221 H1_rH_x2",
            min = "0",
            max = "255",
            description = "Calibration register 0x31: the upper humidity point in %rH × 2")
    int hts221H1RhX2() default 143;

    @AttributeDefinition(
            name = "HTS221 T0_degC_x8",
            min = "0",
            max = "1023",
            description = "Calibration, 10 bits: the lower temperature point in °C × 8 (low byte 0x32, bits 9:8 in"
                    + " 0x35 bits 1:0); must differ from T1")
    int hts221T0DegCX8() default 163;

    @AttributeDefinition(
            name = "HTS221 T1_degC_x8",
            min = "0",
            max = "1023",
            description = "Calibration, 10 bits: the upper temperature point in °C × 8 (low byte 0x33, bits 9:8 in"
                    + " 0x35 bits 3:2)")
    int hts221T1DegCX8() default 283;

    @AttributeDefinition(
            name = "HTS221 H0_T0_OUT",
            min = "-32768",
            max = "32767",
            description = "Calibration 0x36/0x37 (s16): the raw humidity output at H0; must differ from H1_T0_OUT")
    int hts221H0T0Out() default -1421;

    @AttributeDefinition(
            name = "HTS221 H1_T0_OUT",
            min = "-32768",
            max = "32767",
            description = "Calibration 0x3A/0x3B (s16): the raw humidity output at H1")
    int hts221H1T0Out() default 9183;

    @AttributeDefinition(
            name = "HTS221 T0_OUT",
            min = "-32768",
            max = "32767",
            description = "Calibration 0x3C/0x3D (s16): the raw temperature output at T0; must differ from T1_OUT")
    int hts221T0Out() default 287;

    @AttributeDefinition(
            name = "HTS221 T1_OUT",
            min = "-32768",
            max = "32767",
            description = "Calibration 0x3E/0x3F (s16): the raw temperature output at T1")
    int hts221T1Out() default 1243;
}
