package io.kinglet.config.internal;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.felix.cm.json.io.Configurations;
import org.apache.felix.utils.properties.TypedProperties;

/**
 * Reads a {@code .cfg} file (FileInstall's typed properties syntax) or a {@code .config} file (a JSON
 * object in the OSGi configuration JSON format: comments allowed, type hints such as
 * {@code "port:Integer"}) into raw property values, with {@code ${name}}, {@code ${name:-default}} and
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
        String text;
        try (Reader in = Configurations.jsonCommentAwareReader(Files.newBufferedReader(file.toPath()))) {
            StringWriter stripped = new StringWriter();
            in.transferTo(stripped);
            text = stripped.toString().strip();
        }
        if (!text.startsWith("{")) {
            throw new ConfigRefusedException(null, "malformed JSON: a .config file holds one JSON object");
        }
        if (!text.endsWith("}")) {
            throw new ConfigRefusedException(null, "malformed JSON: the object is not closed (truncated file?)");
        }
        JsonObject object;
        try (JsonReader json = Json.createReader(new StringReader(text))) {
            object = json.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ConfigRefusedException(null, "malformed JSON: " + firstLine(e.getMessage()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            values.put(entry.getKey(), substitute(entry.getKey(), jsonValue(entry.getKey(), entry.getValue())));
        }
        return values;
    }

    /** A JSON value as a configuration value: a string, number, boolean, or an array of those. */
    private static Object jsonValue(String key, JsonValue value) throws ConfigRefusedException {
        switch (value.getValueType()) {
            case OBJECT -> throw new ConfigRefusedException(key, "nested JSON objects are not configuration values");
            case NULL -> throw new ConfigRefusedException(key, "null is not a configuration value");
            case ARRAY -> {
                for (JsonValue element : value.asJsonArray()) {
                    if (element.getValueType() == JsonValue.ValueType.ARRAY
                            || element.getValueType() == JsonValue.ValueType.OBJECT
                            || element.getValueType() == JsonValue.ValueType.NULL) {
                        throw new ConfigRefusedException(key, "array elements must be strings, numbers or booleans");
                    }
                }
                return Configurations.convertToObject(value);
            }
            default -> {
                return Configurations.convertToObject(value);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not a JSON object";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
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
        if (value != null && value.getClass().isArray()) {
            Object[] out = new Object[java.lang.reflect.Array.getLength(value)];
            for (int i = 0; i < out.length; i++) {
                out[i] = substitute(key, java.lang.reflect.Array.get(value, i));
            }
            return List.of(out);
        }
        return value;
    }
}
