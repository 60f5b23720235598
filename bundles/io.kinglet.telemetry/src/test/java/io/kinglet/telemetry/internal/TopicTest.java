package io.kinglet.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {

    @ParameterizedTest
    @ValueSource(strings = {"sensors/temperature", "status", "a/b/c"})
    void relativeTopicsAreAccepted(String topic) {
        assertDoesNotThrow(() -> TelemetryService.validTopic(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "sensors/#", "sensors/+/t"})
    void wildcardsAbsoluteAndEmptyTopicsAreRefused(String topic) {
        assertThrows(IllegalArgumentException.class, () -> TelemetryService.validTopic(topic));
    }
}
