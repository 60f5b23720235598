package io.kinglet.config.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

/**
 * Drives the installer io.kinglet.config registers for FileInstall exactly as FileInstall would
 * (install, update, uninstall of files in a folder) and checks what Configuration Admin holds and
 * what the target component receives, with the metatype Felix reads from this bundle.
 */
class ConfigFileInstallerTest {

    private static final String SAMPLE_FILE = ConfiguredSample.PID + ".cfg";
    private static final long SECONDS = 10;

    @InjectService(filter = "(component.name=io.kinglet.config.internal.ConfigFileInstaller)", timeout = 10_000)
    ArtifactInstaller installer;

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configAdmin;

    @InjectService(filter = "(hc.name=Configuration files)", timeout = 10_000)
    HealthCheck configFilesCheck;

    @InjectService(cardinality = 0)
    ServiceAware<ConfiguredSample> sample;

    @InjectService(cardinality = 0)
    ServiceAware<ConfiguredSampleInstance> instances;

    @InjectBundleContext
    BundleContext context;

    @TempDir
    Path dir;

    private final List<File> files = new ArrayList<>();
    private final List<Bundle> bundles = new ArrayList<>();

    /** What an operator does last: delete the files, which FileInstall reports as uninstalls. */
    @AfterEach
    void deleteFilesAndBundles() throws Exception {
        for (File file : files) {
            Files.deleteIfExists(file.toPath());
            installer.uninstall(file);
        }
        for (Bundle bundle : bundles) {
            bundle.uninstall();
        }
    }

    @Test
    void goodFileIsAppliedWithTheTypesItsMetatypeDeclares() throws Exception {
        File file = install(SAMPLE_FILE, """
                size = 7
                mode = slow
                tags = kiosk, lobby
                """);

        Dictionary<String, Object> stored = configuration(ConfiguredSample.PID).getProperties();
        assertEquals(Integer.valueOf(7), stored.get("size"));
        assertEquals("slow", stored.get("mode"));
        assertArrayEquals(new String[] {"kiosk", "lobby"}, (String[]) stored.get("tags"));
        assertEquals(file.toURI().toString(), stored.get("felix.fileinstall.filename"));

        Map<String, Object> received = awaitSample(p -> Integer.valueOf(7).equals(p.get("size")));
        assertEquals("slow", received.get("mode"));
        assertOk();
    }

    @Test
    void jsonFileIsAppliedWithJsonNumbersConvertedToTheDeclaredType() throws Exception {
        install(ConfiguredSample.PID + ".config", """
                { "size": 4, "mode": "fast", "tags": ["kiosk"] }
                """);

        Dictionary<String, Object> stored = configuration(ConfiguredSample.PID).getProperties();
        assertEquals(Integer.valueOf(4), stored.get("size"));
        assertArrayEquals(new String[] {"kiosk"}, (String[]) stored.get("tags"));
        awaitSample(p -> Integer.valueOf(4).equals(p.get("size")));
    }

    @Test
    void valueOutOfRangeIsRefusedAndTheLastGoodConfigurationStays() throws Exception {
        File file = install(SAMPLE_FILE, "size = 7\n");
        long changeCount = configuration(ConfiguredSample.PID).getChangeCount();

        rewrite(file, "size = 11\n");

        Configuration kept = configuration(ConfiguredSample.PID);
        assertEquals(Integer.valueOf(7), kept.getProperties().get("size"));
        assertEquals(changeCount, kept.getChangeCount(), "Configuration Admin must not see the refused file");
        assertRefused(SAMPLE_FILE + ": property 'size': \"11\" is not allowed: ");
        assertEquals(Integer.valueOf(7), awaitSample(p -> true).get("size"));
    }

    @Test
    void valueOfTheWrongTypeIsRefusedAndTheLastGoodConfigurationStays() throws Exception {
        File file = install(SAMPLE_FILE, "size = 7\n");
        long changeCount = configuration(ConfiguredSample.PID).getChangeCount();

        rewrite(file, "size = seven\n");

        assertEquals(changeCount, configuration(ConfiguredSample.PID).getChangeCount());
        assertRefused(SAMPLE_FILE + ": property 'size': \"seven\" is not an Integer");
    }

    @Test
    void valueThatIsNotOneOfTheOptionsIsRefusedAndTheLastGoodConfigurationStays() throws Exception {
        File file = install(SAMPLE_FILE, "mode = slow\n");
        long changeCount = configuration(ConfiguredSample.PID).getChangeCount();

        rewrite(file, "mode = medium\n");

        Configuration kept = configuration(ConfiguredSample.PID);
        assertEquals("slow", kept.getProperties().get("mode"));
        assertEquals(changeCount, kept.getChangeCount());
        assertRefused(SAMPLE_FILE + ": property 'mode': \"medium\" is not allowed: ");
    }

    @Test
    void fileForAPidNoBundleDescribesIsRefused() throws Exception {
        install("io.kinglet.config.test.nobody.cfg", "size = 1\n");

        assertNull(configuration("io.kinglet.config.test.nobody"));
        assertRefused("io.kinglet.config.test.nobody.cfg: unknown PID 'io.kinglet.config.test.nobody'");
    }

    @Test
    void refusedFileIsAppliedOnceFixed() throws Exception {
        File file = install(SAMPLE_FILE, "size = 0\n");
        assertNull(configuration(ConfiguredSample.PID), "a refused first file must not create a configuration");
        assertRefused(SAMPLE_FILE + ": property 'size': \"0\" is not allowed: ");

        rewrite(file, "size = 3\n");

        assertEquals(
                Integer.valueOf(3),
                configuration(ConfiguredSample.PID).getProperties().get("size"));
        awaitSample(p -> Integer.valueOf(3).equals(p.get("size")));
        assertOk();
    }

    @Test
    void deletedFileDeletesItsConfigurationAndStopsTheComponent() throws Exception {
        File file = install(SAMPLE_FILE, "size = 2\n");
        awaitSample(p -> Integer.valueOf(2).equals(p.get("size")));

        Files.delete(file.toPath());
        installer.uninstall(file);

        assertNull(configuration(ConfiguredSample.PID));
        await("the component to stop once its required configuration is gone", sample::isEmpty);
    }

    @Test
    void factoryFileCreatesANamedFactoryConfiguration() throws Exception {
        install(ConfiguredSampleInstance.FACTORY_PID + "-kiosk.cfg", "port = 8443\n");

        Configuration stored = configuration(ConfiguredSampleInstance.FACTORY_PID + "~kiosk");
        assertEquals(ConfiguredSampleInstance.FACTORY_PID, stored.getFactoryPid());
        assertEquals(Integer.valueOf(8443), stored.getProperties().get("port"));
        await(
                "the factory component instance",
                () -> instances.getServices().stream()
                        .anyMatch(i -> i.properties() != null
                                && Integer.valueOf(8443).equals(i.properties().get("port"))));
    }

    @Test
    void fileRefusedForAnUnknownPidAppliesOnceABundleDeclaringThePidIsInstalled() throws Exception {
        install("io.kinglet.config.test.late.cfg", "level = 2\n");
        assertRefused("io.kinglet.config.test.late.cfg: unknown PID 'io.kinglet.config.test.late'");

        Bundle late =
                context.installBundle("kinglet-test:late", bundleDeclaringMetatype("io.kinglet.config.test.late"));
        bundles.add(late);
        late.start();

        await("the waiting file to be applied", () -> configurationOrNull("io.kinglet.config.test.late") != null);
        assertEquals(
                Integer.valueOf(2),
                configuration("io.kinglet.config.test.late").getProperties().get("level"));
        // the bundle event thread applies the file; the refusal clears just after the write
        await("the refusal to clear", () -> configFilesCheck.execute().getStatus() == Result.Status.OK);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private File install(String name, String text) throws Exception {
        File file = Files.writeString(dir.resolve(name), text).toFile();
        files.add(file);
        assertTrue(installer.canHandle(file), "the installer must claim " + name);
        installer.install(file);
        return file;
    }

    private void rewrite(File file, String text) throws Exception {
        Files.writeString(file.toPath(), text);
        installer.update(file);
    }

    private Configuration configuration(String pid) throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        return found == null ? null : found[0];
    }

    private Configuration configurationOrNull(String pid) {
        try {
            return configuration(pid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle with nothing but metatype: an Integer "level" from 1 to 3 for the given PID. */
    private static InputStream bundleDeclaringMetatype(String pid) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", pid);
        String metatype = """
                <?xml version="1.0" encoding="UTF-8"?>
                <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.2.0">
                  <OCD id="late" name="Late" description="Declared by a bundle installed after its file">
                    <AD id="level" type="Integer" name="Level" description="1 to 3" min="1" max="3" default="1"/>
                  </OCD>
                  <Designate pid="%s"><Object ocdref="late"/></Designate>
                </metatype:MetaData>
                """.formatted(pid);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("OSGI-INF/metatype/late.xml"));
            jar.write(metatype.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private void assertRefused(String expected) {
        Result result = configFilesCheck.execute();
        List<String> messages = messages(result);
        assertEquals(Result.Status.WARN, result.getStatus(), messages.toString());
        assertTrue(
                messages.stream().anyMatch(m -> m.startsWith("Refused " + expected)),
                "expected a message starting with 'Refused " + expected + "' in " + messages);
    }

    private void assertOk() {
        Result result = configFilesCheck.execute();
        assertEquals(Result.Status.OK, result.getStatus(), messages(result).toString());
    }

    private static List<String> messages(Result result) {
        List<String> messages = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            messages.add(entry.getMessage());
        }
        return messages;
    }

    /** Configuration Admin and SCR deliver asynchronously: wait for the component to see the change. */
    private Map<String, Object> awaitSample(Predicate<Map<String, Object>> condition) throws InterruptedException {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        await("the sample component to receive the configuration", () -> {
            ConfiguredSample component = sample.getService();
            seen.set(component == null ? null : component.properties());
            return seen.get() != null && condition.test(seen.get());
        });
        return seen.get();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after " + SECONDS + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
