package io.kinglet.config.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * An attribute definition for tests whose {@link #validate(String)} behaves like Felix metatype's:
 * "" when the value is acceptable, a reason when it is not; numbers are checked against min/max,
 * strings' lengths against min/max, and every value against the option values when there are
 * any. Like Felix, a multi-valued attribute validates a comma-separated list value by value.
 */
final class TestAttribute implements AttributeDefinition {

    private final String id;
    private final int type;
    private int cardinality;
    private String min;
    private String max;
    private String[] options;

    private TestAttribute(String id, int type) {
        this.id = id;
        this.type = type;
    }

    static TestAttribute of(String id, int type) {
        return new TestAttribute(id, type);
    }

    TestAttribute cardinality(int cardinality) {
        this.cardinality = cardinality;
        return this;
    }

    TestAttribute range(String min, String max) {
        this.min = min;
        this.max = max;
        return this;
    }

    TestAttribute options(String... values) {
        this.options = values;
        return this;
    }

    @Override
    public String getName() {
        return id;
    }

    @Override
    public String getID() {
        return id;
    }

    @Override
    public String getDescription() {
        return "test attribute " + id;
    }

    @Override
    public int getCardinality() {
        return cardinality;
    }

    @Override
    public int getType() {
        return type;
    }

    @Override
    public String[] getOptionValues() {
        return options;
    }

    @Override
    public String[] getOptionLabels() {
        return options;
    }

    @Override
    public String[] getDefaultValue() {
        return null;
    }

    @Override
    public String validate(String value) {
        String[] values = cardinality == 0 ? new String[] {value.strip()} : value.split(",");
        for (String one : values) {
            String reason = validateOne(one.strip());
            if (!reason.isEmpty()) {
                return reason;
            }
        }
        return "";
    }

    private String validateOne(String value) {
        if (options != null && !Arrays.asList(options).contains(value)) {
            return "not one of the options";
        }
        if (type == STRING || type == PASSWORD) {
            return compare(BigDecimal.valueOf(value.length()));
        }
        if (type == BOOLEAN || type == CHARACTER) {
            return "";
        }
        try {
            return compare(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return "not a number";
        }
    }

    private String compare(BigDecimal value) {
        if (min != null && value.compareTo(new BigDecimal(min)) < 0) {
            return "less than the minimum " + min;
        }
        if (max != null && value.compareTo(new BigDecimal(max)) > 0) {
            return "greater than the maximum " + max;
        }
        return "";
    }
}
