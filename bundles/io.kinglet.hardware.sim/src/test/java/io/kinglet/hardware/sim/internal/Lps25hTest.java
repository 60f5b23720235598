package io.kinglet.hardware.sim.internal;

import static io.kinglet.hardware.sim.internal.Bytes.s16;
import static io.kinglet.hardware.sim.internal.Bytes.u8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinglet.hardware.sim.internal.Environment.Quantity;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Lps25hTest {

    private final TestClock clock = new TestClock();
    private final Environment environment = new Environment(clock, false, 23.7, 40, 987.65, new SplittableRandom(1));
    private final Lps25h chip = new Lps25h(environment);

    @Test
    void identifiesItself() {
        assertEquals(0xBD, u8(chip.read(0x0F, 1)[0]));
        assertEquals(0x5C, chip.address());
    }

    @Test
    void readsConsecutiveRegistersOnlyWithBit7() {
        sampleOnce();
        byte[] pressure = chip.read(0x80 | 0x28, 3);
        byte[] repeated = chip.read(0x28, 3);
        assertArrayEquals(new byte[] {pressure[0], pressure[0], pressure[0]}, repeated);
        assertEquals(0x05, chip.read(0x10, 1)[0], "RES_CONF reset value");
    }

    @Test
    void powerDownTakesNoNewData() {
        sampleOnce();
        byte[] first = chip.read(0x80 | 0x28, 5);
        assertEquals(0, chip.read(0x27, 1)[0], "reading PRESS_OUT_H and TEMP_OUT_H clears P_DA and T_DA");
        chip.write(0x20, (byte) 0x10); // power-down, 1 Hz
        environment.set(Quantity.PRESSURE, 1100);
        clock.advance(Duration.ofSeconds(5));
        chip.write(0x21, (byte) 0x01);
        assertEquals(0, chip.read(0x27, 1)[0]);
        assertArrayEquals(first, chip.read(0x80 | 0x28, 5));
    }

    @Test
    void decodedOutputsGiveBackTheEnvironment() {
        sampleOnce();
        assertEquals(0x03, chip.read(0x27, 1)[0]);
        byte[] out = chip.read(0x80 | 0x28, 5);
        int raw = u8(out[0]) | u8(out[1]) << 8 | u8(out[2]) << 16;
        assertEquals(987.65, raw / 4096.0, 0.5 / 4096 + 1e-9);
        assertEquals(23.7, 42.5 + s16(out, 3) / 480.0, 0.5 / 480 + 1e-9);
    }

    @Test
    void oneShotInOneShotMode() {
        chip.write(0x20, (byte) 0x80); // PD, ODR one-shot
        chip.write(0x21, (byte) 0x01);
        assertEquals(0, chip.read(0x21, 1)[0]);
        assertEquals(0x03, chip.read(0x27, 1)[0]);
    }

    private void sampleOnce() {
        chip.write(0x20, (byte) 0x90); // PD, 1 Hz
        clock.advance(Duration.ofSeconds(1));
    }
}
