package io.kinglet.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigCommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "mqtt.Password", "webhook.secret", "apiToken", "httpAuthorization"})
    void valueOfASecretLookingKeyIsMasked(String key) {
        assertEquals("********", ConfigCommands.render(key, "hunter2"));
    }

    @Test
    void arrayIsShownElementByElement() {
        assertEquals("[80, 443]", ConfigCommands.render("ports", new int[] {80, 443}));
        assertEquals("[framework, critical]", ConfigCommands.render("hc.tags", new String[] {"framework", "critical"}));
    }

    @Test
    void plainValueIsShownAsIs() {
        assertEquals("8080", ConfigCommands.render("port", 8080));
    }
}
