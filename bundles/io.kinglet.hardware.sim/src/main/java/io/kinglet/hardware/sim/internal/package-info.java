/**
 * The simulated Sense HAT: register-level models of its chips on a simulated I2C bus, the environment
 * they measure, and the shell commands that drive it; and an LED strip on a simulated SPI bus that
 * decodes the bits its chips would see. Private: nothing here is exported.
 */
package io.kinglet.hardware.sim.internal;
