package io.kinglet.hardware.sim.internal;

/**
 * One HTS221's factory calibration (registers 0x30–0x3F): two points of the humidity line and two of
 * the temperature line. Each chip has its own; a driver that decodes with assumed numbers, or reads
 * the 10-bit T0/T1 without their high bits in 0x35, gets visibly wrong values.
 */
record Hts221Calibration(
        int h0RhX2, int h1RhX2, int t0DegCX8, int t1DegCX8, int h0T0Out, int h1T0Out, int t0Out, int t1Out) {

    /** Realistic but deliberately not round: 30.5/71.5 %rH, 20.375/35.375 °C (T1 needs its high bits). */
    static final Hts221Calibration DEFAULT = new Hts221Calibration(61, 143, 163, 283, -1421, 9183, 287, 1243);

    Hts221Calibration {
        check("hts221H0RhX2", h0RhX2, 0, 255);
        check("hts221H1RhX2", h1RhX2, 0, 255);
        check("hts221T0DegCX8", t0DegCX8, 0, 1023);
        check("hts221T1DegCX8", t1DegCX8, 0, 1023);
        check("hts221H0T0Out", h0T0Out, Short.MIN_VALUE, Short.MAX_VALUE);
        check("hts221H1T0Out", h1T0Out, Short.MIN_VALUE, Short.MAX_VALUE);
        check("hts221T0Out", t0Out, Short.MIN_VALUE, Short.MAX_VALUE);
        check("hts221T1Out", t1Out, Short.MIN_VALUE, Short.MAX_VALUE);
        // Equal points make the datasheet's interpolation divide by zero.
        distinct("hts221H0RhX2 and hts221H1RhX2", h0RhX2, h1RhX2);
        distinct("hts221T0DegCX8 and hts221T1DegCX8", t0DegCX8, t1DegCX8);
        distinct("hts221H0T0Out and hts221H1T0Out", h0T0Out, h1T0Out);
        distinct("hts221T0Out and hts221T1Out", t0Out, t1Out);
    }

    /** The calibration registers 0x30..0x3F as the chip holds them (reserved bytes read 0). */
    byte[] registers() {
        byte[] r = new byte[16];
        r[0x0] = (byte) h0RhX2;
        r[0x1] = (byte) h1RhX2;
        r[0x2] = (byte) t0DegCX8;
        r[0x3] = (byte) t1DegCX8;
        r[0x5] = (byte) ((t0DegCX8 >> 8) | ((t1DegCX8 >> 8) << 2));
        r[0x6] = (byte) h0T0Out;
        r[0x7] = (byte) (h0T0Out >> 8);
        r[0xA] = (byte) h1T0Out;
        r[0xB] = (byte) (h1T0Out >> 8);
        r[0xC] = (byte) t0Out;
        r[0xD] = (byte) (t0Out >> 8);
        r[0xE] = (byte) t1Out;
        r[0xF] = (byte) (t1Out >> 8);
        return r;
    }

    /** The raw TEMP_OUT for a true temperature: the datasheet's interpolation, solved for the output. */
    long temperatureRaw(double celsius) {
        return invert(celsius, t0DegCX8 / 8.0, t1DegCX8 / 8.0, t0Out, t1Out);
    }

    /** The raw HUMIDITY_OUT for a true relative humidity (the datasheet interpolates at T0). */
    long humidityRaw(double relativeHumidity) {
        return invert(relativeHumidity, h0RhX2 / 2.0, h1RhX2 / 2.0, h0T0Out, h1T0Out);
    }

    private static long invert(double value, double v0, double v1, int out0, int out1) {
        return StSensor.s16(out0 + (value - v0) * (out1 - out0) / (v1 - v0));
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range " + min + ".." + max);
        }
    }

    private static void distinct(String names, int a, int b) {
        if (a == b) {
            throw new IllegalArgumentException(names + " are both " + a + ": the two calibration points must differ");
        }
    }
}
