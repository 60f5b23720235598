package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.sim.internal.Environment.Quantity;
import java.time.Duration;
import java.util.List;

/**
 * LPS25H pressure sensor (ST DocID023722): power-down at reset, one-shot or 1 to 25 Hz; pressure
 * u24 with hPa = raw / 4096, temperature s16 with °C = 42.5 + raw / 480. A multi-byte transfer moves
 * the pointer only when bit 7 of the sub-address is set. Reference pressure, interrupts, FIFO and
 * the RPDS offset are plain registers here: they do not change the outputs.
 */
final class Lps25h extends StSensor {

    static final int ADDRESS = 0x5C;
    static final int WHO_AM_I = 0x0F;
    static final int RES_CONF = 0x10;
    static final int CTRL_REG1 = 0x20;
    static final int CTRL_REG2 = 0x21;
    static final int STATUS_REG = 0x27;
    static final Output PRESSURE = new Output(0x28, 3, STATUS_REG, 0x02);
    static final Output TEMPERATURE = new Output(0x2B, 2, STATUS_REG, 0x01);
    private static final List<Output> OUTPUTS = List.of(PRESSURE, TEMPERATURE);
    private static final double[] RATES = {0, 1, 7, 12.5, 25};

    Lps25h(Environment environment) {
        super("lps25h", ADDRESS, environment);
        reset();
    }

    @Override
    void reset() {
        clear();
        set(WHO_AM_I, 0xBD);
        set(RES_CONF, 0x05);
    }

    @Override
    boolean writable(int register) {
        return (register >= 0x08 && register <= 0x0A) // REF_P
                || register == RES_CONF
                || (register >= CTRL_REG1 && register <= 0x24) // CTRL_REG1..4, INT_CFG
                || register == 0x2E // FIFO_CTRL
                || register == 0x30
                || register == 0x31 // THS_P
                || register == 0x39
                || register == 0x3A; // RPDS
    }

    @Override
    boolean autoIncrement(int subAddress) {
        return (subAddress & 0x80) != 0;
    }

    @Override
    Duration period() {
        int odr = odr();
        return powered() && odr > 0 && odr < RATES.length ? hertz(RATES[odr]) : null;
    }

    @Override
    void written(int register) {
        if (register != CTRL_REG2) {
            return;
        }
        int value = get(CTRL_REG2);
        if ((value & 0x04) != 0) { // SWRESET: user registers back to their reset values
            reset();
            return;
        }
        if ((value & 0x01) != 0 && powered() && odr() == 0) { // ONE_SHOT, in one-shot mode only
            sample();
        }
        set(CTRL_REG2, value & ~0x81); // ONE_SHOT and BOOT clear themselves
    }

    @Override
    void sample() {
        latch(PRESSURE, clamp(Math.round(environment.value(Quantity.PRESSURE) * 4096), 0, 0xFFFFFF));
        latch(TEMPERATURE, s16((environment.value(Quantity.TEMPERATURE) - 42.5) * 480));
    }

    @Override
    List<Output> outputs() {
        return OUTPUTS;
    }

    @Override
    boolean blockDataUpdate() {
        return (get(CTRL_REG1) & 0x04) != 0;
    }

    @Override
    public String mode() {
        return powered() ? "active, " + describe(period()) : "power-down";
    }

    private boolean powered() {
        return (get(CTRL_REG1) & 0x80) != 0;
    }

    private int odr() {
        return (get(CTRL_REG1) >> 4) & 0x07;
    }
}
