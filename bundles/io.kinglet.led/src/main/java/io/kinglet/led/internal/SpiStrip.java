package io.kinglet.led.internal;

import io.kinglet.hardware.api.SpiBus;
import io.kinglet.hardware.api.SpiDevice;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An addressable strip, or a matrix made of one, on SPI: each frame is put into the strip's order
 * (serpentine rows reversed as wired), its chips' colour order, and the chips' encoding, then sent in
 * one transfer. Buffers are allocated once. The device is opened at the first frame and again after a
 * failure, at most every {@value Reopening#RETRY_SECONDS} s, on whichever SPI bus service is there then.
 */
final class SpiStrip implements Output {

    private static final Logger LOG = LoggerFactory.getLogger(SpiStrip.class);

    private final Supplier<SpiBus> spi;
    private final OutputMissing noBus;
    private final int bus;
    private final int chipSelect;
    private final int speedHz;
    private final StripEncoding encoding;
    private final int width;
    private final int height;
    /** For each LED along the strip, the output pixel it shows. */
    private final int[] pixelOf;
    /** For each of the chip's three colour bytes, the channel (0 red, 1 green, 2 blue) it takes. */
    private final int[] channels;

    private final byte[] colours;
    private final byte[] frame;
    private SpiDevice device;
    /** The bus service the device was opened on: a new service (the provider restarted) means reopening. */
    private SpiBus openedOn;

    private final Reopening reopening = new Reopening();

    SpiStrip(Supplier<SpiBus> spi, LedConfiguration config) {
        this.spi = spi;
        this.noBus = new OutputMissing("no SPI bus matches " + config.spi_target()
                + " (io.kinglet.hardware.linuxfs on a device, io.kinglet.hardware.sim in the default profile)");
        this.bus = config.spiBus();
        this.chipSelect = config.spiChipSelect();
        this.encoding = StripEncoding.of(config.output());
        this.speedHz = encoding.speedHz(config.spiSpeedHz());
        this.width = config.width();
        this.height = config.height();
        this.pixelOf = layout(width, height, config.layout());
        this.channels = order(config.colorOrder().isBlank() ? encoding.nativeOrder() : config.colorOrder());
        this.colours = new byte[3 * width * height];
        this.frame = new byte[encoding.length(width * height, speedHz)];
    }

    static int[] layout(int width, int height, String layout) {
        if (!layout.equals("rows") && !layout.equals("serpentine")) {
            throw new IllegalArgumentException("layout '" + layout + "' is neither rows nor serpentine");
        }
        int[] pixelOf = new int[width * height];
        for (int led = 0; led < pixelOf.length; led++) {
            int y = led / width;
            int x = layout.equals("serpentine") && y % 2 == 1 ? width - 1 - led % width : led % width;
            pixelOf[led] = y * width + x;
        }
        return pixelOf;
    }

    static int[] order(String order) {
        String o = order.strip().toUpperCase(Locale.ROOT);
        if (o.length() != 3
                || o.chars().distinct().count() != 3
                || !"RGB".chars().allMatch(c -> o.indexOf(c) >= 0)) {
            throw new IllegalArgumentException(
                    "colour order '" + order + "' is not R, G and B in some order, e.g. GRB");
        }
        return new int[] {"RGB".indexOf(o.charAt(0)), "RGB".indexOf(o.charAt(1)), "RGB".indexOf(o.charAt(2))};
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public String describe() {
        return encoding.chip() + " strip of " + width * height + " LEDs on /dev/spidev" + bus + "." + chipSelect
                + " at " + speedHz / 1000 + " kHz";
    }

    @Override
    public void write(int[] rgb) throws IOException {
        if (device != null && spi.get() != openedOn) {
            close();
        }
        if (device == null) {
            open();
        }
        for (int led = 0; led < pixelOf.length; led++) {
            int p = 3 * pixelOf[led];
            colours[3 * led] = (byte) rgb[p + channels[0]];
            colours[3 * led + 1] = (byte) rgb[p + channels[1]];
            colours[3 * led + 2] = (byte) rgb[p + channels[2]];
        }
        encoding.encode(colours, pixelOf.length, frame);
        try {
            device.write(frame, 0, frame.length);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        reopening.attempt();
        SpiBus bus = spi.get();
        if (bus == null) {
            throw reopening.failed(noBus);
        }
        try {
            device = bus.open(this.bus, chipSelect, speedHz, 0);
        } catch (IOException e) {
            throw reopening.failed(e);
        }
        openedOn = bus;
        reopening.succeeded();
        LOG.info("LED: {}", describe());
    }

    @Override
    public void close() {
        if (device != null) {
            try {
                device.close();
            } catch (IOException e) {
                LOG.debug("LED: closing {} failed: {}", describe(), e.toString());
            }
            device = null;
        }
    }
}
