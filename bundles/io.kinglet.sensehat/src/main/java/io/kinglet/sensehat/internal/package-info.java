/** The Sense HAT reader: chip drivers over the hardware layer, the sampler, and its commands, metrics and health. */
package io.kinglet.sensehat.internal;
