package io.kinglet.led.animations.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parameters given to one {@code start}, checked against those an animation accepts. Every refusal
 * is an {@link IllegalArgumentException} naming the parameter, the value and what is expected: its
 * message is all a {@code led:play} user sees.
 */
final class Parameters {

    private static final Pattern HEX_COLOUR = Pattern.compile("#?[0-9a-fA-F]{6}");

    private final Map<String, String> given;

    /** @throws IllegalArgumentException naming each given parameter not in {@code accepted} */
    Parameters(Map<String, String> given, Map<String, String> accepted) {
        List<String> unknown = given.keySet().stream()
                .filter(name -> !accepted.containsKey(name))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown parameter " : "unknown parameters ")
                    + unknown.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                    + " (accepted: " + String.join(", ", accepted.keySet()) + ")");
        }
        this.given = given;
    }

    /**
     * An animation's {@code parameters()}: name, description, name, description…, kept in this order so
     * that {@code led:list} and the "accepted" list of a refusal read as written.
     */
    static Map<String, String> describe(String... namesAndDescriptions) {
        Map<String, String> described = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDescriptions.length; i += 2) {
            described.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return Collections.unmodifiableMap(described);
    }

    /** A colour as {@code rrggbb} hex, with or without a leading {@code #}, packed as {@code 0xrrggbb}. */
    int colour(String name, int fallback) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        String hex = value.strip();
        if (!HEX_COLOUR.matcher(hex).matches()) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a colour (rrggbb hex, e.g. ff8800)");
        }
        return Integer.parseInt(hex.startsWith("#") ? hex.substring(1) : hex, 16);
    }

    /** A number in {@code min..max}, or {@code fallback} when not given. */
    double number(String name, double fallback, double min, double max) {
        return given.get(name) == null ? fallback : requiredNumber(name, min, max);
    }

    double requiredNumber(String name, double min, double max) {
        String value = given.get(name);
        String range = format(min) + ".." + format(max);
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing (a number " + range + ")");
        }
        double number;
        try {
            number = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            number = Double.NaN;
        }
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a number (" + range + ")");
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(name + ": " + value.strip() + " is outside " + range);
        }
        return number;
    }

    /** Text that is neither missing nor blank, as given (spaces kept). */
    String requiredText(String name, String expected) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": missing or empty (" + expected + ")");
        }
        return value;
    }

    /** One of {@code choices}, exactly as spelled there, or {@code fallback} when not given. */
    String choice(String name, String fallback, List<String> choices) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        if (!choices.contains(value.strip())) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not one of " + String.join(", ", choices));
        }
        return value.strip();
    }

    /** 100 rather than 100.0 in messages: the ranges are written as a user would type them. */
    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
