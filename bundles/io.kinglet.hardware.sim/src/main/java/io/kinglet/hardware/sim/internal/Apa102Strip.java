package io.kinglet.hardware.sim.internal;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A strip of APA102 (DotStar) LEDs, clocked by SCLK with data on MOSI. A frame is a start frame of 32
 * zero bits, then 32 bits per LED: {@code 111}, a 5-bit global brightness, blue, green, red. Every LED
 * takes the first LED frame it sees and passes the rest on, delaying the data by half a clock, so the
 * last LEDs latch only if ceil(n/2) more clock bits follow the last LED frame (the end frame; their
 * values do not matter, since the strip passes them on). Bytes beyond the strip's LEDs are passed on too.
 */
final class Apa102Strip extends LedStrip {

    private static final int START_FRAME = 4;
    private static final int LED_FRAME = 4;

    private final int[] brightness;

    Apa102Strip(int leds) {
        super(leds);
        this.brightness = new int[leds];
    }

    @Override
    String chip() {
        return "apa102";
    }

    /** The 5-bit global brightness (0..31) per LED, as last latched (a copy). */
    synchronized int[] brightness() {
        return Arrays.copyOf(brightness, brightness.length);
    }

    @Override
    int[] decode(byte[] data, int speedHz) throws BadFrame {
        checkStartFrame(data);
        int latched = Math.min(leds(), (data.length - START_FRAME) / LED_FRAME);
        int[] rgb = new int[3 * latched];
        int[] global = new int[latched];
        for (int i = 0; i < latched; i++) {
            int at = START_FRAME + LED_FRAME * i;
            int header = data[at] & 0xFF;
            if ((header & 0xE0) != 0xE0) {
                throw new BadFrame("APA102 LED " + i + ": frame 0x"
                        + HexFormat.of().formatHex(data, at, at + LED_FRAME) + " does not begin with the bits 111");
            }
            global[i] = header & 0x1F;
            rgb[3 * i] = data[at + 3] & 0xFF;
            rgb[3 * i + 1] = data[at + 2] & 0xFF;
            rgb[3 * i + 2] = data[at + 1] & 0xFF;
        }
        long endClocks = 8L * (data.length - START_FRAME - LED_FRAME * latched);
        int needed = (latched + 1) / 2;
        if (endClocks < needed) {
            throw new BadFrame("APA102 end frame too short: " + latched + " LEDs need at least " + needed
                    + " clock bits after their frames, got " + endClocks);
        }
        // Called under the strip's lock (receive), and only once the frame is known good.
        System.arraycopy(global, 0, brightness, 0, latched);
        return rgb;
    }

    private static void checkStartFrame(byte[] data) throws BadFrame {
        if (data.length >= START_FRAME && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 0) {
            return;
        }
        int seen = Math.min(START_FRAME, data.length);
        throw new BadFrame("APA102 start frame missing: a frame must begin with 32 zero bits, got "
                + (seen == 0 ? "an empty transfer" : "0x" + HexFormat.of().formatHex(data, 0, seen)));
    }
}
