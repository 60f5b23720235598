/** Linux's I2C buses through Pi4J's linuxfs provider: private, exports nothing. */
package io.kinglet.hardware.linuxfs.internal;
