package io.kinglet.led.internal;

/**
 * APA102 (DotStar): a start frame of 32 zero bits; per LED 0b111 and a 5-bit global brightness (kept
 * at the maximum: brightness is the colour pipeline's), then the three colour bytes; an end frame of
 * one bits, at least one clock per two LEDs, which pushes the data through to the last LEDs.
 */
final class Apa102 implements StripEncoding {

    @Override
    public String chip() {
        return "APA102";
    }

    @Override
    public int speedHz(int configured) {
        return configured;
    }

    @Override
    public String nativeOrder() {
        return "BGR";
    }

    @Override
    public int length(int leds, int speedHz) {
        return 4 + 4 * leds + Math.max(4, (leds + 15) / 16);
    }

    @Override
    public void encode(byte[] colours, int leds, byte[] out) {
        int o = 4;
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        out[3] = 0;
        for (int i = 0; i < 3 * leds; i += 3) {
            out[o++] = (byte) 0xFF; // 0b111 and brightness 31
            out[o++] = colours[i];
            out[o++] = colours[i + 1];
            out[o++] = colours[i + 2];
        }
        while (o < out.length) {
            out[o++] = (byte) 0xFF;
        }
    }
}
