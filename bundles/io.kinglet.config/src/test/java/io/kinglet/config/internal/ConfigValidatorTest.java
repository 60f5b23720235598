package io.kinglet.config.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgi.service.metatype.AttributeDefinition.BOOLEAN;
import static org.osgi.service.metatype.AttributeDefinition.BYTE;
import static org.osgi.service.metatype.AttributeDefinition.CHARACTER;
import static org.osgi.service.metatype.AttributeDefinition.DOUBLE;
import static org.osgi.service.metatype.AttributeDefinition.FLOAT;
import static org.osgi.service.metatype.AttributeDefinition.INTEGER;
import static org.osgi.service.metatype.AttributeDefinition.LONG;
import static org.osgi.service.metatype.AttributeDefinition.PASSWORD;
import static org.osgi.service.metatype.AttributeDefinition.SHORT;
import static org.osgi.service.metatype.AttributeDefinition.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigValidatorTest {

    // --- types ------------------------------------------------------------------------------------

    static Stream<Arguments> valuesOfEachType() {
        return Stream.of(
                Arguments.of(STRING, "kiosk", "kiosk"),
                Arguments.of(PASSWORD, "s3cret", "s3cret"),
                Arguments.of(LONG, "5000000000", 5_000_000_000L),
                Arguments.of(INTEGER, " 8080 ", 8080),
                Arguments.of(SHORT, "-300", (short) -300),
                Arguments.of(BYTE, "7", (byte) 7),
                Arguments.of(DOUBLE, "1.5", 1.5d),
                Arguments.of(FLOAT, "0.25", 0.25f),
                Arguments.of(BOOLEAN, "TRUE", Boolean.TRUE),
                Arguments.of(BOOLEAN, "false", Boolean.FALSE),
                Arguments.of(CHARACTER, "x", 'x'),
                // JSON numbers arrive as Long or Double; typed .cfg values as their own type
                Arguments.of(INTEGER, 8080L, 8080),
                Arguments.of(INTEGER, 8080.0d, 8080),
                Arguments.of(LONG, 42, 42L),
                Arguments.of(DOUBLE, 3L, 3.0d),
                Arguments.of(STRING, 8080L, "8080"),
                Arguments.of(BOOLEAN, Boolean.TRUE, Boolean.TRUE));
    }

    @ParameterizedTest(name = "type {0}: {1} -> {2}")
    @MethodSource("valuesOfEachType")
    void singleValueIsConvertedToTheDeclaredType(int type, Object raw, Object expected) throws Exception {
        Object converted = ConfigValidator.convert(TestAttribute.of("value", type), raw);

        assertEquals(expected, converted);
        assertEquals(expected.getClass(), converted.getClass());
    }

    static Stream<Arguments> valuesOfTheWrongType() {
        return Stream.of(
                Arguments.of(INTEGER, "eighty", "\"eighty\" is not an Integer"),
                Arguments.of(INTEGER, 1.5d, "1.5 is not an Integer"),
                Arguments.of(LONG, "12ms", "\"12ms\" is not a Long"),
                Arguments.of(DOUBLE, "1,5", "\"1,5\" is not a Double"),
                Arguments.of(BOOLEAN, "yes", "\"yes\" is not a Boolean"),
                Arguments.of(CHARACTER, "xy", "\"xy\" is not a Character"));
    }

    @ParameterizedTest(name = "type {0}: {1}")
    @MethodSource("valuesOfTheWrongType")
    void valueOfTheWrongTypeIsRefusedNamingTheProperty(int type, Object raw, String reason) {
        ConfigRefusedException refused = assertThrows(
                ConfigRefusedException.class,
                () -> ConfigValidator.validate(
                        Map.of("port", raw), new TestObjectClass(TestAttribute.of("port", type))));

        assertEquals("port", refused.property());
        assertEquals("property 'port': " + reason, refused.describe());
    }

    @Test
    void wholeNumberBeyondItsTypeIsRefusedAsOutOfRange() {
        ConfigRefusedException integer = assertThrows(
                ConfigRefusedException.class,
                () -> ConfigValidator.convert(TestAttribute.of("port", INTEGER), "3000000000"));
        ConfigRefusedException bytes = assertThrows(
                ConfigRefusedException.class, () -> ConfigValidator.convert(TestAttribute.of("level", BYTE), 300L));

        assertEquals("\"3000000000\" is not an Integer (out of range)", integer.getMessage());
        assertEquals("300 is not a Byte (out of range)", bytes.getMessage());
    }

    /** A JSON number too large for a long must not turn into Long.MAX_VALUE. */
    @Test
    void doubleBeyondTheLongRangeIsRefusedForALong() {
        assertThrows(
                ConfigRefusedException.class, () -> ConfigValidator.convert(TestAttribute.of("bytes", LONG), 1.0e20));
    }

    // --- what the metatype allows ------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "11", "-3"})
    void numberOutsideTheMetatypeRangeIsRefusedWithItsReason(String raw) {
        TestAttribute size = TestAttribute.of("size", INTEGER).range("1", "10");

        ConfigRefusedException refused = assertThrows(
                ConfigRefusedException.class,
                () -> ConfigValidator.validate(Map.of("size", raw), new TestObjectClass(size)));

        assertEquals("size", refused.property());
        assertTrue(refused.getMessage().startsWith("\"" + raw + "\" is not allowed: "), refused.getMessage());
        assertTrue(
                refused.getMessage().contains("minimum") || refused.getMessage().contains("maximum"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10"})
    void numberAtTheEdgesOfTheMetatypeRangeIsAccepted(String raw) throws Exception {
        TestAttribute size = TestAttribute.of("size", INTEGER).range("1", "10");

        assertEquals(Integer.valueOf(raw), ConfigValidator.convert(size, raw));
    }

    @Test
    void stringThatIsNotAnOptionIsRefused() {
        TestAttribute mode = TestAttribute.of("mode", STRING).options("fast", "slow");

        ConfigRefusedException refused =
                assertThrows(ConfigRefusedException.class, () -> ConfigValidator.convert(mode, "medium"));

        assertEquals("mode", refused.property());
        assertEquals("\"medium\" is not allowed: not one of the options", refused.getMessage());
    }

    @Test
    void eachElementOfAMultiValuedPropertyIsValidated() {
        TestAttribute sizes = TestAttribute.of("sizes", INTEGER).cardinality(10).range("1", "10");

        ConfigRefusedException refused =
                assertThrows(ConfigRefusedException.class, () -> ConfigValidator.convert(sizes, "3, 20, 5"));

        assertTrue(refused.getMessage().startsWith("\"20\" is not allowed"), refused.getMessage());
    }

    /**
     * Felix metatype validates a multi-valued value as a comma-separated list, so an element "a,b"
     * passes as the two options a and b although it is neither.
     */
    @Test
    void elementContainingACommaIsValidatedAsOneValue() {
        TestAttribute modes = TestAttribute.of("modes", STRING).cardinality(10).options("a", "b");

        assertThrows(ConfigRefusedException.class, () -> ConfigValidator.convert(modes, List.of("a,b")));
    }

    // --- cardinality -------------------------------------------------------------------------------

    @Test
    void singleValuedPropertyRefusesSeveralValues() {
        ConfigRefusedException refused = assertThrows(
                ConfigRefusedException.class,
                () -> ConfigValidator.convert(TestAttribute.of("host", STRING), new String[] {"a", "b"}));

        assertEquals("expects a single String, got 2 values", refused.getMessage());
    }

    @Test
    void singleValuedStringKeepsItsCommas() throws Exception {
        assertEquals(
                "OK:200,WARN:200", ConfigValidator.convert(TestAttribute.of("mapping", STRING), "OK:200,WARN:200"));
    }

    @Test
    void singleValuedPropertyTakesTheOnlyElementOfAnArray() throws Exception {
        assertEquals(8080, ConfigValidator.convert(TestAttribute.of("port", INTEGER), List.of(8080L)));
    }

    @Test
    void arrayPropertySplitsAPlainStringAtCommas() throws Exception {
        Object converted =
                ConfigValidator.convert(TestAttribute.of("ports", INTEGER).cardinality(5), "80, 443,8080");

        assertArrayEquals(new Integer[] {80, 443, 8080}, (Integer[]) converted);
    }

    @Test
    void arrayPropertyConvertsEachElementOfAJsonArray() throws Exception {
        Object converted = ConfigValidator.convert(
                TestAttribute.of("ratios", DOUBLE).cardinality(Integer.MAX_VALUE), List.of(1L, 2.5d));

        assertArrayEquals(new Double[] {1.0d, 2.5d}, (Double[]) converted);
    }

    @Test
    void listPropertyGivesAList() throws Exception {
        Object converted = ConfigValidator.convert(
                TestAttribute.of("tags", STRING).cardinality(-Integer.MAX_VALUE),
                new String[] {"framework", "critical"});

        assertEquals(List.of("framework", "critical"), converted);
    }

    @Test
    void emptyStringGivesAnEmptyArray() throws Exception {
        Object converted =
                ConfigValidator.convert(TestAttribute.of("tags", STRING).cardinality(5), " ");

        assertArrayEquals(new String[0], (String[]) converted);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, -2})
    void moreValuesThanTheCardinalityAreRefused(int cardinality) {
        ConfigRefusedException refused = assertThrows(
                ConfigRefusedException.class,
                () -> ConfigValidator.convert(TestAttribute.of("hosts", STRING).cardinality(cardinality), "a,b,c"));

        assertEquals("takes at most 2 values, got 3", refused.getMessage());
    }

    // --- keys --------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {"service.pid", "service.factoryPid", "service.bundleLocation", "felix.fileinstall.filename"})
    void keySetByTheRuntimeIsRefused(String key) {
        ConfigRefusedException refused = assertThrows(
                ConfigRefusedException.class,
                () -> ConfigValidator.validate(
                        Map.of(key, "x"), new TestObjectClass(TestAttribute.of("port", INTEGER))));

        assertEquals(key, refused.property());
        assertEquals("property '" + key + "': is set by the runtime, not by a file", refused.describe());
    }

    @Test
    void undeclaredKeysPassThroughUnchangedAndAreReported() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("port", "8080");
        Integer ranking = 5;
        raw.put("service.ranking", ranking);
        raw.put("webhook.target", "(name=main)");

        ConfigValidator.Validated validated =
                ConfigValidator.validate(raw, new TestObjectClass(TestAttribute.of("port", INTEGER)));

        assertEquals(8080, validated.properties().get("port"));
        assertSame(ranking, validated.properties().get("service.ranking"));
        assertEquals("(name=main)", validated.properties().get("webhook.target"));
        assertEquals(List.of("service.ranking", "webhook.target"), validated.undeclared());
    }

    @Test
    void metatypeWithoutAttributesPassesEveryKeyThrough() throws Exception {
        ObjectClassDefinition empty = new TestObjectClass();

        ConfigValidator.Validated validated = ConfigValidator.validate(Map.of("port", "8080"), empty);

        assertEquals("8080", validated.properties().get("port"));
        assertEquals(List.of("port"), validated.undeclared());
    }
}
