package io.kinglet.hardware.sim.internal;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A strip of WS2812 LEDs on the SPI bus's MOSI line, the usual way to get their one-wire timing from a
 * Pi: at 2.4 MHz each WS2812 bit is 3 SPI bits, {@code 100} for a 0 and {@code 110} for a 1 (a 417 ns or
 * 833 ns high pulse in a 1.25 us period), 24 bits per LED in green, red, blue order, most significant
 * bit first, so 9 SPI bytes per LED. The LEDs latch when the line stays low for at least 50 us (the
 * reset). Zero bytes before the first pulse are idle line; bits for more LEDs than the strip has are
 * passed on by its last LED.
 */
final class Ws2812Strip extends LedStrip {

    static final int SPEED_HZ = 2_400_000;
    private static final int BITS_PER_LED = 24;
    private static final long RESET_NANOS = 50_000;

    Ws2812Strip(int leds) {
        super(leds);
    }

    @Override
    String chip() {
        return "ws2812";
    }

    @Override
    int[] decode(byte[] data, int speedHz) throws BadFrame {
        // The chip measures pulse widths: at another clock a 100 or 110 would be too short or too long.
        if (Math.abs(speedHz - SPEED_HZ) > SPEED_HZ / 10) {
            throw new BadFrame(
                    "WS2812 on SPI needs 2.4 MHz (3 SPI bits per WS2812 bit), not " + megahertz(speedHz) + " MHz");
        }
        int idle = 0;
        while (idle < data.length && data[idle] == 0) {
            idle++;
        }
        int first = 8 * idle;
        int end = 8 * data.length;
        while (end > first && bit(data, end - 1) == 0) {
            end--;
        }
        if (end == first) {
            return new int[0]; // no pulse at all: the line only idled, the LEDs keep their colours
        }
        long low = 8L * data.length - end;
        if (low * 1_000_000_000L < RESET_NANOS * speedHz) {
            throw new BadFrame(String.format(
                    Locale.ROOT,
                    "WS2812 reset too short: the line must stay low for at least 50 us after the last bit,"
                            + " got %.1f us (%d zero bits at %s MHz)",
                    low * 1e6 / speedHz,
                    low,
                    megahertz(speedHz)));
        }
        int groups = (end - first + 2) / 3;
        int latched = Math.min(leds(), groups / BITS_PER_LED);
        if (latched < leds() && groups % BITS_PER_LED != 0) {
            throw new BadFrame("WS2812 LED " + latched + ": the data ends after " + groups % BITS_PER_LED + " of its "
                    + BITS_PER_LED + " bits");
        }
        int[] rgb = new int[3 * latched];
        for (int led = 0; led < latched; led++) {
            int grb = 0;
            for (int b = 0; b < BITS_PER_LED; b++) {
                int at = first + 3 * (BITS_PER_LED * led + b);
                int code = bit(data, at) << 2 | bit(data, at + 1) << 1 | bit(data, at + 2);
                if (code != 0b100 && code != 0b110) {
                    throw new BadFrame("WS2812 LED " + led + ", bit " + b + " of 24 (GRB, MSB first): SPI bits "
                            + (code >> 2) + (code >> 1 & 1) + (code & 1) + " are neither 100 (0) nor 110 (1)");
                }
                grb = grb << 1 | (code >> 1 & 1);
            }
            rgb[3 * led] = grb >> 8 & 0xFF;
            rgb[3 * led + 1] = grb >> 16 & 0xFF;
            rgb[3 * led + 2] = grb & 0xFF;
        }
        return rgb;
    }

    /** SPI bit {@code index} of the transfer, bytes sent most significant bit first. */
    private static int bit(byte[] data, int index) {
        return data[index >> 3] >> (7 - (index & 7)) & 1;
    }

    private static String megahertz(int hz) {
        return BigDecimal.valueOf(hz, 6).stripTrailingZeros().toPlainString();
    }
}
