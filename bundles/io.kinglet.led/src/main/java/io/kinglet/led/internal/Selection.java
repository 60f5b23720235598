package io.kinglet.led.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An animation asked for by name, with its parameters, e.g. {@code pulse color=ff0000 period=1}. */
record Selection(String name, Map<String, String> parameters) {

    /** Parses {@code key=value} words; a word without {@code =} or with an empty key is refused, naming it. */
    static Selection of(String name, List<String> words) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "'" + word + "' is not a parameter: write key=value, e.g. color=ff0000");
            }
            parameters.put(word.substring(0, eq).strip(), word.substring(eq + 1).strip());
        }
        return new Selection(name, Map.copyOf(parameters));
    }

    @Override
    public String toString() {
        return parameters.isEmpty()
                ? name
                : name + " "
                        + parameters.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .sorted()
                                .collect(Collectors.joining(" "));
    }
}
