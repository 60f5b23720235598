package io.kinglet.led.internal;

/**
 * WS2812 (NeoPixel) data on SPI MOSI, so no root, PWM or DMA is needed: at 2.4 MHz each WS2812 bit is
 * three SPI bits, 110 for a one (0.83 µs high) and 100 for a zero (0.42 µs high), so one LED's 24
 * bits are 9 SPI bytes, most significant bit first. The frame ends with the line low for more than
 * 50 µs, which latches the colours; it is sized from the clock.
 */
final class Ws2812OnSpi implements StripEncoding {

    static final int SPEED_HZ = 2_400_000;
    private static final double LATCH_SECONDS = 60e-6;

    /** The three SPI bytes for each data byte. */
    private final byte[] table = new byte[3 * 256];

    Ws2812OnSpi() {
        for (int v = 0; v < 256; v++) {
            int bits = 0;
            for (int b = 7; b >= 0; b--) {
                bits = bits << 3 | ((v >> b & 1) == 1 ? 0b110 : 0b100);
            }
            table[3 * v] = (byte) (bits >> 16);
            table[3 * v + 1] = (byte) (bits >> 8);
            table[3 * v + 2] = (byte) bits;
        }
    }

    @Override
    public String chip() {
        return "WS2812";
    }

    @Override
    public int speedHz(int configured) {
        return SPEED_HZ;
    }

    @Override
    public String nativeOrder() {
        return "GRB";
    }

    @Override
    public int length(int leds, int speedHz) {
        int latch = (int) Math.ceil(LATCH_SECONDS * speedHz / 8);
        return 9 * leds + latch;
    }

    @Override
    public void encode(byte[] colours, int leds, byte[] out) {
        int o = 0;
        for (int i = 0; i < 3 * leds; i++) {
            int v = colours[i] & 0xFF;
            out[o++] = table[3 * v];
            out[o++] = table[3 * v + 1];
            out[o++] = table[3 * v + 2];
        }
        while (o < out.length) {
            out[o++] = 0;
        }
    }
}
