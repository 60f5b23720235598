package io.kinglet.config.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.felix.utils.properties.InterpolationHelper;

/** {@code ${...}} substitution in JSON string values, with the same rules FileInstall applies to .cfg files. */
final class Variables {

    private Variables() {}

    static String substitute(String text, UnaryOperator<String> variables) {
        if (!text.contains("${")) {
            return text;
        }
        Map<String, String> single = new HashMap<>();
        single.put("value", text);
        InterpolationHelper.performSubstitution(single, variables::apply);
        return single.get("value");
    }
}
