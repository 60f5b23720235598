package io.kinglet.config.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.felix.utils.json.JSONParser;
import org.apache.felix.utils.properties.TypedProperties;

/**
 * Reads a {@code .cfg} file (FileInstall's typed properties syntax) or a {@code .config} file (a JSON
 * object) into raw property values, with {@code ${name}}, {@code ${name:-default}} and
 * {@code ${env:NAME}} substituted from framework properties and the environment.
 */
final class ConfigFileReader {

    private final UnaryOperator<String> variables;

    /** @param variables the value of a variable name (framework property, or env:NAME), or null */
    ConfigFileReader(UnaryOperator<String> variables) {
        this.variables = variables;
    }

    Map<String, Object> read(File file) throws ConfigRefusedException {
        try {
            return file.getName().endsWith(".config") ? readJson(file) : readProperties(file);
        } catch (IOException e) {
            throw new ConfigRefusedException(null, "cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ConfigRefusedException(null, "malformed: " + e.getMessage());
        }
    }

    private Map<String, Object> readProperties(File file) throws IOException {
        TypedProperties properties = new TypedProperties((scope, key, variable) -> variables.apply(variable));
        properties.load(file);
        return new LinkedHashMap<>(properties);
    }

    private Map<String, Object> readJson(File file) throws IOException, ConfigRefusedException {
        String text = Files.readString(file.toPath()).strip();
        if (!text.startsWith("{")) {
            throw new ConfigRefusedException(null, "malformed JSON: a .config file holds one JSON object");
        }
        if (!text.endsWith("}")) {
            throw new ConfigRefusedException(null, "malformed JSON: the object is not closed (truncated file?)");
        }
        Map<String, Object> parsed;
        try (InputStream in = Files.newInputStream(file.toPath())) {
            parsed = new JSONParser(in).getParsed();
        } catch (IOException | RuntimeException e) {
            throw new ConfigRefusedException(null, "malformed JSON: " + e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : parsed.entrySet()) {
            values.put(entry.getKey(), substitute(entry.getKey(), entry.getValue()));
        }
        return values;
    }

    private Object substitute(String key, Object value) throws ConfigRefusedException {
        if (value instanceof String text) {
            return Variables.substitute(text, variables);
        }
        if (value instanceof List<?> list) {
            Object[] out = new Object[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = substitute(key, list.get(i));
            }
            return List.of(out);
        }
        if (value instanceof Map) {
            throw new ConfigRefusedException(key, "nested JSON objects are not configuration values");
        }
        if (value == null) {
            throw new ConfigRefusedException(key, "null is not a configuration value");
        }
        return value;
    }
}
