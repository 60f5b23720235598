package io.kinglet.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileNameTest {

    @Test
    void singletonFileNamesItsPidWithoutTheExtension() {
        ConfigFileName name = ConfigFileName.parse("io.kinglet.shell.socket.cfg");

        assertEquals("io.kinglet.shell.socket", name.pid());
        assertFalse(name.isFactory());
        assertNull(name.factoryPid());
        assertEquals("io.kinglet.shell.socket", name.schemaPid());
    }

    @Test
    void dashSeparatesFactoryPidFromInstanceName() {
        ConfigFileName name = ConfigFileName.parse("org.apache.felix.hc.generalchecks.DiskSpaceCheck-state.cfg");

        assertTrue(name.isFactory());
        assertEquals("org.apache.felix.hc.generalchecks.DiskSpaceCheck", name.factoryPid());
        assertEquals("state", name.name());
        assertEquals("org.apache.felix.hc.generalchecks.DiskSpaceCheck~state", name.pid());
        assertEquals("org.apache.felix.hc.generalchecks.DiskSpaceCheck", name.schemaPid());
    }

    @Test
    void tildeSeparatesFactoryPidFromInstanceNameAsInNamedFactoryPids() {
        ConfigFileName name = ConfigFileName.parse("io.kinglet.webhook~alerts.config");

        assertEquals("io.kinglet.webhook", name.factoryPid());
        assertEquals("alerts", name.name());
        assertEquals("io.kinglet.webhook~alerts", name.pid());
    }

    @Test
    void dotsAfterTheSeparatorBelongToTheInstanceName() {
        ConfigFileName name = ConfigFileName.parse("io.kinglet.webhook-alerts.primary.cfg");

        assertEquals("io.kinglet.webhook", name.factoryPid());
        assertEquals("alerts.primary", name.name());
        assertEquals("io.kinglet.webhook~alerts.primary", name.pid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-socket.cfg", "socket-.cfg", "~socket.config"})
    void separatorAtEitherEndIsPartOfASingletonPid(String fileName) {
        ConfigFileName name = ConfigFileName.parse(fileName);

        assertFalse(name.isFactory());
        assertEquals(fileName.substring(0, fileName.lastIndexOf('.')), name.pid());
    }

    @Test
    void onlyCfgAndConfigFilesAreConfigurationFiles() {
        assertTrue(ConfigFileName.isConfigFile("io.kinglet.shell.socket.cfg"));
        assertTrue(ConfigFileName.isConfigFile("io.kinglet.shell.socket.config"));
        assertFalse(ConfigFileName.isConfigFile("io.kinglet.shell.socket.cfg.bak"));
        assertFalse(ConfigFileName.isConfigFile("io.kinglet.shell.socket.json"));
        assertFalse(ConfigFileName.isConfigFile("io.kinglet.shell.jar"));
    }
}
