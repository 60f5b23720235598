package io.kinglet.led.internal;

/**
 * How one frame of LED colours becomes the bytes an SPI strip's chips take. Implementations fill a
 * buffer allocated once; {@link #encode} allocates nothing.
 */
interface StripEncoding {

    /** The chip, for logs: {@code APA102}, {@code WS2812}. */
    String chip();

    /** The SPI clock the chips need, given the configured one. */
    int speedHz(int configured);

    /** The chip's own colour order, e.g. {@code BGR}. */
    String nativeOrder();

    /** Bytes of one frame of {@code leds} LEDs at {@code speedHz}. */
    int length(int leds, int speedHz);

    /**
     * Encodes {@code leds} colours (three bytes each, already in the chip's colour order) from
     * {@code colours} into {@code out}, whose length is {@link #length}.
     */
    void encode(byte[] colours, int leds, byte[] out);

    /** The encoding for the configured output, {@code apa102} or {@code ws2812}. */
    static StripEncoding of(String output) {
        return switch (output) {
            case "apa102" -> new Apa102();
            case "ws2812" -> new Ws2812OnSpi();
            default -> throw new IllegalArgumentException("output '" + output + "' is not an SPI strip");
        };
    }
}
