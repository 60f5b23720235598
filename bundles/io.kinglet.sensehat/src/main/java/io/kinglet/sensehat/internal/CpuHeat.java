package io.kinglet.sensehat.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The CPU's temperature from the thermal zone, and the usual correction for the Sense HAT sitting
 * on top of a warm Pi: {@code t = t_sensor - (t_cpu - t_sensor) / factor} (the HAT's sensors read
 * too warm by a share of the gap to the CPU; factor about 1.5–2.5, found by comparing with a
 * reference thermometer). Factor 0 leaves the temperature as the sensor reads it.
 */
final class CpuHeat {

    private final Path zone;
    private final double factor;

    CpuHeat(Path sysfsRoot, double factor) {
        this.zone = sysfsRoot.resolve("class/thermal/thermal_zone0/temp");
        this.factor = factor;
    }

    /** Adds the CPU temperature, and compensates the HTS221's temperature when configured to. */
    void apply(Map<Quantity, SenseHat.Reading> fresh, Instant now) {
        double cpu = cpu();
        if (Double.isNaN(cpu)) {
            return;
        }
        fresh.put(Quantity.CPU_TEMPERATURE, new SenseHat.Reading(Quantity.CPU_TEMPERATURE, cpu, zone.toString(), now));
        SenseHat.Reading sensor = fresh.get(Quantity.TEMPERATURE);
        if (factor > 0 && sensor != null) {
            double t = sensor.value();
            fresh.put(
                    Quantity.TEMPERATURE_UNCOMPENSATED,
                    new SenseHat.Reading(Quantity.TEMPERATURE_UNCOMPENSATED, t, sensor.chip(), now));
            fresh.put(
                    Quantity.TEMPERATURE,
                    new SenseHat.Reading(
                            Quantity.TEMPERATURE, t - (cpu - t) / factor, sensor.chip() + ", CPU-compensated", now));
        }
    }

    /** °C, or NaN where there is no thermal zone (not a Pi, or not readable). */
    double cpu() {
        try {
            return Integer.parseInt(Files.readString(zone).strip()) / 1000.0;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }
}
