/** The LED animator: frame loop, colour pipeline, outputs, commands, preview. Private, exports nothing. */
package io.kinglet.led.internal;
