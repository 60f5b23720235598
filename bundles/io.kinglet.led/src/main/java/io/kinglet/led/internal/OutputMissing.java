package io.kinglet.led.internal;

import java.io.IOException;

/**
 * The output's device is not there (yet): not the failure of a device that was working. The
 * framebuffer or the SPI bus may come up after the animator; the loop waits for them quietly.
 */
final class OutputMissing extends IOException {

    private static final long serialVersionUID = 1L;

    OutputMissing(String message) {
        super(message);
    }
}
