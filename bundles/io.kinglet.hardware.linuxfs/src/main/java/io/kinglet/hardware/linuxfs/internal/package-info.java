/** Linux's I2C buses and SPI devices through Pi4J's linuxfs providers: private, exports nothing. */
package io.kinglet.hardware.linuxfs.internal;
