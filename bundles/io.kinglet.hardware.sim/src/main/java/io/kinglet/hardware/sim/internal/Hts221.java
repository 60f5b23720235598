package io.kinglet.hardware.sim.internal;

import io.kinglet.hardware.sim.internal.Environment.Quantity;
import java.time.Duration;
import java.util.List;

/**
 * HTS221 humidity and temperature sensor (ST DocID026291): power-down at reset, one-shot or 1, 7 and
 * 12.5 Hz, outputs raw values that only this chip's calibration turns into %rH and °C. A multi-byte
 * transfer moves the pointer only when bit 7 of the sub-address is set.
 */
final class Hts221 extends StSensor {

    static final int ADDRESS = 0x5F;
    static final int WHO_AM_I = 0x0F;
    static final int AV_CONF = 0x10;
    static final int CTRL_REG1 = 0x20;
    static final int CTRL_REG2 = 0x21;
    static final int CTRL_REG3 = 0x22;
    static final int STATUS_REG = 0x27;
    static final int CALIBRATION = 0x30;
    static final Output HUMIDITY = new Output(0x28, 2, STATUS_REG, 0x02);
    static final Output TEMPERATURE = new Output(0x2A, 2, STATUS_REG, 0x01);
    private static final List<Output> OUTPUTS = List.of(HUMIDITY, TEMPERATURE);
    private static final double[] RATES = {0, 1, 7, 12.5};

    private final Hts221Calibration calibration;

    Hts221(Environment environment, Hts221Calibration calibration) {
        super("hts221", ADDRESS, environment);
        this.calibration = calibration;
        reset();
    }

    @Override
    void reset() {
        clear();
        set(WHO_AM_I, 0xBC);
        set(AV_CONF, 0x1B);
        byte[] block = calibration.registers();
        for (int i = 0; i < block.length; i++) {
            set(CALIBRATION + i, block[i]);
        }
    }

    @Override
    boolean writable(int register) {
        return register == AV_CONF || (register >= CTRL_REG1 && register <= CTRL_REG3);
    }

    @Override
    boolean autoIncrement(int subAddress) {
        return (subAddress & 0x80) != 0;
    }

    @Override
    Duration period() {
        int odr = get(CTRL_REG1) & 0x03;
        return powered() && odr != 0 ? hertz(RATES[odr]) : null;
    }

    @Override
    void written(int register) {
        if (register != CTRL_REG2) {
            return;
        }
        // ONE_SHOT starts a conversion in power-on one-shot mode only; it and BOOT (which reloads the
        // calibration, unchangeable here) clear themselves when done.
        if ((get(CTRL_REG2) & 0x01) != 0 && powered() && (get(CTRL_REG1) & 0x03) == 0) {
            sample();
        }
        set(CTRL_REG2, get(CTRL_REG2) & ~0x81);
    }

    @Override
    void sample() {
        latch(HUMIDITY, calibration.humidityRaw(environment.value(Quantity.HUMIDITY)));
        latch(TEMPERATURE, calibration.temperatureRaw(environment.value(Quantity.TEMPERATURE)));
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
}
