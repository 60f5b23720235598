package io.kinglet.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks raw values from a file against a component's metatype and converts them to the declared
 * types, so a component only ever receives values it declared. Properties the metatype does not
 * describe pass through unchanged (service properties such as {@code service.ranking} or reference
 * targets are legitimate there) and are reported to the caller.
 */
final class ConfigValidator {

    /** Set by Configuration Admin or FileInstall, never by a file. */
    private static final Set<String> RESERVED = Set.of(
            "service.pid", "service.factoryPid", "service.bundleLocation", ConfigFileInstaller.FILENAME_PROPERTY);

    private ConfigValidator() {}

    /** The validated, typed properties, with the names of properties the metatype does not know. */
    record Validated(Hashtable<String, Object> properties, List<String> undeclared) {}

    static Validated validate(Map<String, Object> raw, ObjectClassDefinition ocd) throws ConfigRefusedException {
        Hashtable<String, Object> typed = new Hashtable<>();
        List<String> undeclared = new ArrayList<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String key = entry.getKey();
            if (RESERVED.contains(key)) {
                throw new ConfigRefusedException(key, "is set by the runtime, not by a file");
            }
            AttributeDefinition ad = find(ocd, key);
            if (ad == null) {
                undeclared.add(key);
                typed.put(key, entry.getValue());
            } else {
                typed.put(key, convert(ad, entry.getValue()));
            }
        }
        return new Validated(typed, undeclared);
    }

    private static AttributeDefinition find(ObjectClassDefinition ocd, String id) {
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (all != null) {
            for (AttributeDefinition ad : all) {
                if (ad.getID().equals(id)) {
                    return ad;
                }
            }
        }
        return null;
    }

    static Object convert(AttributeDefinition ad, Object value) throws ConfigRefusedException {
        List<Object> elements = elements(ad, value);
        if (ad.getCardinality() == 0 && elements.size() != 1) {
            throw new ConfigRefusedException(
                    ad.getID(), "expects a single " + typeName(ad.getType()) + ", got " + elements.size() + " values");
        }
        int limit = Math.abs(ad.getCardinality());
        if (ad.getCardinality() != 0 && limit != Integer.MAX_VALUE && elements.size() > limit) {
            throw new ConfigRefusedException(ad.getID(), "takes at most " + limit + " values, got " + elements.size());
        }
        Class<?> type = javaType(ad.getType());
        Object array = Array.newInstance(type, elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Object converted = convertOne(ad, elements.get(i), type);
            String error = ad.validate(validationForm(ad, converted));
            if (error != null && !error.isEmpty()) {
                throw new ConfigRefusedException(ad.getID(), quote(elements.get(i)) + " is not allowed: " + error);
            }
            Array.set(array, i, converted);
        }
        if (ad.getCardinality() == 0) {
            return Array.get(array, 0);
        }
        if (ad.getCardinality() < 0) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                list.add(Array.get(array, i));
            }
            return list;
        }
        return array;
    }

    /**
     * The values of a property: an array or list as is, and for a multi-valued property a plain
     * string split at commas (the only way to give several values in an untyped .cfg file).
     */
    private static List<Object> elements(AttributeDefinition ad, Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            out.addAll(collection);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        } else if (ad.getCardinality() != 0 && value instanceof String text) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            out.add(value);
        }
        return out;
    }

    private static Object convertOne(AttributeDefinition ad, Object value, Class<?> type)
            throws ConfigRefusedException {
        if (type.isInstance(value)) {
            return value;
        }
        String text = String.valueOf(value).strip();
        try {
            return switch (ad.getType()) {
                case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> String.valueOf(value);
                case AttributeDefinition.LONG -> Long.valueOf(integral(value, text));
                case AttributeDefinition.INTEGER -> Math.toIntExact(Long.parseLong(integral(value, text)));
                case AttributeDefinition.SHORT -> Short.valueOf(integral(value, text));
                case AttributeDefinition.BYTE -> Byte.valueOf(integral(value, text));
                case AttributeDefinition.DOUBLE -> Double.valueOf(text);
                case AttributeDefinition.FLOAT -> Float.valueOf(text);
                case AttributeDefinition.BOOLEAN -> bool(text);
                case AttributeDefinition.CHARACTER -> character(text);
                default -> value;
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigRefusedException(
                    ad.getID(),
                    quote(value) + " is not " + article(typeName(ad.getType()))
                            + (e instanceof ArithmeticException || text.matches("-?\\d+") ? " (out of range)" : ""));
        }
    }

    /**
     * One value as {@code AttributeDefinition.validate} reads it: for a multi-valued attribute that
     * method splits at unescaped commas, so a comma inside one value must be escaped.
     */
    private static String validationForm(AttributeDefinition ad, Object value) {
        String text = String.valueOf(value);
        return ad.getCardinality() == 0 ? text : text.replace("\\", "\\\\").replace(",", "\\,");
    }

    /** A whole number, also when JSON gave it as 8080.0; beyond the long range it stays as is and is refused. */
    private static String integral(Object value, String text) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return Long.toString(d.longValue());
        }
        return text;
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new NumberFormatException(text);
    }

    private static Character character(String text) {
        if (text.length() != 1) {
            throw new NumberFormatException(text);
        }
        return text.charAt(0);
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String article(String typeName) {
        return ("AEIOU".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }

    static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> "Long";
            case AttributeDefinition.INTEGER -> "Integer";
            case AttributeDefinition.SHORT -> "Short";
            case AttributeDefinition.BYTE -> "Byte";
            case AttributeDefinition.DOUBLE -> "Double";
            case AttributeDefinition.FLOAT -> "Float";
            case AttributeDefinition.BOOLEAN -> "Boolean";
            case AttributeDefinition.CHARACTER -> "Character";
            case AttributeDefinition.PASSWORD -> "Password";
            default -> "String";
        };
    }
}
