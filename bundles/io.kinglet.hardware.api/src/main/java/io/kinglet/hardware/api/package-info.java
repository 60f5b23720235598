/**
 * The hardware layer: what a capability needs to talk to a chip, whatever is behind it. On a device
 * an I2C bus is Linux's {@code /dev/i2c-N} and an SPI bus its {@code /dev/spidevB.C}; in the default
 * profile both are the simulation, whose chip models answer register by register (I2C) or decode the
 * bits on the wire (SPI LED strips) like the real parts. Which one a capability gets is configuration:
 * it selects the {@link io.kinglet.hardware.api.I2cBus} service by its
 * {@value io.kinglet.hardware.api.I2cBus#PROVIDER} property, the {@link io.kinglet.hardware.api.SpiBus}
 * service by {@value io.kinglet.hardware.api.SpiBus#PROVIDER}.
 */
@Export
@Version("1.0.0")
package io.kinglet.hardware.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
