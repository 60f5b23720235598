package io.kinglet.sensehat.api;

/**
 * A configured alert: raised once its quantity has stayed outside [min, max] for its duration.
 *
 * @param raised whether it is raised now
 * @param detail when raised, what and since when, e.g. {@code hot: temperature 31.50 °C above 30.0 since …};
 *     else empty
 */
public record Alert(String name, String quantity, String unit, double min, double max, boolean raised, String detail) {}
