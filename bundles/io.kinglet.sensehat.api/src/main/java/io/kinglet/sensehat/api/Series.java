package io.kinglet.sensehat.api;

/**
 * One quantity's samples: {@code times[i]} (milliseconds since the epoch) is when {@code values[i]}
 * was read. The arrays are the caller's own copies, of the same length.
 *
 * @param quantity e.g. {@code temperature}, {@code acceleration_x}, as in {@code sense:read}
 * @param unit as people read it, e.g. {@code °C}
 */
public record Series(String quantity, String unit, long[] times, double[] values) {}
