package io.kinglet.led.internal;

import io.kinglet.hardware.api.SpiBus;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The output the configuration names. */
final class Outputs {

    private Outputs() {}

    static Output open(LedConfiguration config, Supplier<SpiBus> spi) {
        return switch (config.output()) {
            case "none" -> Output.none(SenseHatFramebuffer.SIZE, SenseHatFramebuffer.SIZE);
            case "sensehat" -> new SenseHatFramebuffer(Path.of(config.sysfsRoot()), Path.of(config.devRoot()));
            default -> new SpiStrip(spi, config);
        };
    }
}
