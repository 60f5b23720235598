package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.kinglet.boot.BootBundles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The framework is mocks: {@code io.kinglet.demo} 1.0.0 (blue, start level 12) runs and is replaced
 * by 1.1.0 (green) from the store; {@code io.kinglet.extra} is new to the device. Store and resolver
 * hook are real.
 */
class SwitcherTest {

    private static final String BLUE_SHA = "a".repeat(64);
    private static final String GREEN_SHA = "b".repeat(64);
    private static final String EXTRA_SHA = "c".repeat(64);

    @TempDir
    Path state;

    private final BundleOperations bundles = mock(BundleOperations.class);
    private final BootBundles boot = mock(BootBundles.class);
    private final Bundle agent = bundle("io.kinglet.ota", "1.0.0", "kinglet:boot/io.kinglet.ota", 1);
    private final Bundle blue = bundle("io.kinglet.demo", "1.0.0", OtaLayout.STORE_LOCATION_PREFIX + BLUE_SHA, 2);
    private final Bundle green = bundle("io.kinglet.demo", "1.1.0", OtaLayout.STORE_LOCATION_PREFIX + GREEN_SHA, 3);
    /** The content each install read, in order. */
    private final List<String> installed = new ArrayList<>();

    private Switcher switcher;

    @BeforeEach
    void device() throws IOException {
        OtaLayout layout = OtaLayout.under(state);
        Files.createDirectories(layout.store());
        for (String sha : List.of(BLUE_SHA, GREEN_SHA, EXTRA_SHA)) {
            Files.writeString(layout.artifact(sha), "jar " + sha.charAt(0));
        }
        when(blue.adapt(BundleStartLevel.class).getStartLevel()).thenReturn(12);
        when(bundles.running("io.kinglet.demo")).thenReturn(blue);
        when(boot.startLevel("io.kinglet.extra")).thenReturn(20);
        switcher = new Switcher(bundles, new RetiredBundles(), boot, layout, agent);
    }

    private static Bundle bundle(String symbolicName, String version, String location, long id, String... headers) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn(symbolicName);
        when(bundle.getVersion()).thenReturn(Version.parseVersion(version));
        when(bundle.getLocation()).thenReturn(location);
        when(bundle.getBundleId()).thenReturn(id);
        Hashtable<String, String> dictionary = new Hashtable<>();
        for (int i = 0; i < headers.length; i += 2) {
            dictionary.put(headers[i], headers[i + 1]);
        }
        when(bundle.getHeaders("")).thenReturn(dictionary);
        BundleStartLevel startLevel = mock(BundleStartLevel.class);
        when(bundle.adapt(BundleStartLevel.class)).thenReturn(startLevel);
        return bundle;
    }

    /** {@code location} installs as {@code result}, recording the bytes it was installed from. */
    private void installs(String location, Bundle result) throws BundleException {
        when(bundles.install(eq(location), any())).thenAnswer(i -> {
            try (InputStream in = i.getArgument(1)) {
                installed.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return result;
        });
    }

    private static Deployment deployment(Deployment.Change... changes) {
        Deployment d = new Deployment("d2", Deployment.Kind.PUSH, false);
        List.of(changes).forEach(d::add);
        return d;
    }

    private static Deployment demoUpdate() {
        return deployment(new Deployment.Change("io.kinglet.demo", "1.1.0", GREEN_SHA, "1.0.0"));
    }

    private Run install(Deployment d, RefreshPlan plan) throws Exception {
        when(bundles.plan(List.of(blue), agent)).thenReturn(plan);
        return switcher.install(d, DeploymentManifest.EMPTY);
    }

    private Run running() {
        Run r = new Run(demoUpdate(), DeploymentManifest.EMPTY, false);
        r.blues.add(blue);
        r.greens.add(green);
        r.startLevels.put(blue, 12);
        r.startLevels.put(green, 12);
        return r;
    }

    @Test
    void greenIsInstalledFromTheStoreAtBluesStartLevelAndSwitchedInPlace() throws Exception {
        Bundle extra = bundle("io.kinglet.extra", "1.0.0", OtaLayout.STORE_LOCATION_PREFIX + EXTRA_SHA, 4);
        installs(green.getLocation(), green);
        installs(extra.getLocation(), extra);
        List<String> restarted = List.of("io.kinglet.telemetry (imports io.kinglet.demo.api)");

        Run r = install(
                deployment(
                        new Deployment.Change("io.kinglet.demo", "1.1.0", GREEN_SHA, "1.0.0"),
                        new Deployment.Change("io.kinglet.extra", "1.0.0", EXTRA_SHA, null)),
                new RefreshPlan(restarted, null));

        assertEquals(List.of("jar b", "jar c"), installed, "each green is read from its store artifact");
        assertEquals(List.of(green, extra), r.greens);
        assertEquals(List.of(blue), r.blues);
        assertEquals(12, r.startLevels.get(green), "green takes blue's start level");
        assertEquals(20, r.startLevels.get(extra), "a new bundle takes the launcher's start level");
        assertEquals(List.of("critical", "demo", "extra"), List.copyOf(r.tags));
        assertEquals(restarted, r.deployment.restarted());
        assertFalse(r.trial);
    }

    @Test
    void aDeploymentThatWouldDisturbTheAgentIsInstalledForATrialBoot() throws Exception {
        installs(green.getLocation(), green);

        Run r = install(demoUpdate(), new RefreshPlan(List.of(), "io.kinglet.ota (imports io.kinglet.demo.api)"));

        assertTrue(r.trial);
        assertEquals(List.of(green), r.greens);
    }

    @Test
    void aDeploymentThatDoesNotResolveIsRefusedAndGreenRemoved() throws Exception {
        installs(green.getLocation(), green);
        String missing =
                "io.kinglet.demo 1.1.0 needs osgi.wiring.package (osgi.wiring.package=x), which nothing provides";
        when(bundles.resolve(List.of(green))).thenReturn(missing);

        Refusal refusal = assertThrows(Refusal.class, () -> switcher.install(demoUpdate(), DeploymentManifest.EMPTY));

        assertEquals(422, refusal.status());
        assertEquals("the deployment does not resolve: " + missing, refusal.getMessage());
        verify(green).uninstall();
        verify(bundles).refresh(List.of(green));
        verify(bundles, never()).plan(any(), any());
    }

    @Test
    void aDeploymentThatWouldLeaveARunningBundleUnresolvedIsRefusedAndGreenRemoved() throws Exception {
        installs(green.getLocation(), green);
        String broken = "io.kinglet.mqtt 1.0.0 needs osgi.wiring.package (osgi.wiring.package=y), which only"
                + " io.kinglet.demo 1.0.0 provides";
        when(bundles.orphaned(List.of(blue))).thenReturn(broken);

        Refusal refusal = assertThrows(Refusal.class, () -> switcher.install(demoUpdate(), DeploymentManifest.EMPTY));

        assertEquals(422, refusal.status());
        assertEquals("the deployment would leave running bundles unresolved: " + broken, refusal.getMessage());
        verify(green).uninstall();
        verify(bundles).refresh(List.of(green));
    }

    @Test
    void aRollbackThatRemovesABundleInstallsNothingAndReplacesBlue() throws Exception {
        Deployment removal = deployment(new Deployment.Change("io.kinglet.demo", Intake.NONE, null, "1.0.0"));

        Run r = install(removal, new RefreshPlan(List.of(), null));

        assertEquals(List.of(), r.greens);
        assertEquals(List.of(blue), r.blues);
        verify(bundles, never()).install(anyString(), any());
        verify(bundles).orphaned(List.of(blue));
    }

    @Test
    void theSwitchRemovesBlueBeforeGreenStartsAtItsLevelThenRewiresBluesConsumers() throws Exception {
        Run r = running();

        assertNull(switcher.switchOver(r));

        BundleStartLevel level = green.adapt(BundleStartLevel.class);
        InOrder order = inOrder(blue, green, level, bundles);
        order.verify(blue).uninstall();
        order.verify(level).setStartLevel(12);
        order.verify(green).start();
        order.verify(bundles).refresh(List.of(blue));
    }

    @Test
    void aGreenThatDoesNotStartIsNamedAndNothingIsRefreshed() throws Exception {
        doThrow(new BundleException("Activator start error")).when(green).start();

        String failure = switcher.switchOver(running());

        assertEquals("bundle io.kinglet.demo 1.1.0 did not start: Activator start error", failure);
        verify(bundles, never()).refresh(any());
    }

    @Test
    void aRollbackReinstallsBlueFromItsOwnBytesBeforeGreenGoes() throws Exception {
        Bundle again = bundle("io.kinglet.demo", "1.0.0", blue.getLocation(), 5);
        BundleStartLevel level = again.adapt(BundleStartLevel.class);
        installs(blue.getLocation(), again);

        switcher.restore(running());

        assertEquals(List.of("jar a"), installed);
        InOrder order = inOrder(bundles, again, level, green);
        order.verify(bundles).install(eq(blue.getLocation()), any());
        order.verify(level).setStartLevel(12);
        order.verify(green).uninstall();
        order.verify(bundles).refresh(List.of(green));
        order.verify(again).start();
    }

    @Test
    void aRestoredFragmentIsAttachedNotStarted() throws Exception {
        Bundle again = bundle("io.kinglet.demo", "1.0.0", blue.getLocation(), 5, Constants.FRAGMENT_HOST, "x");
        installs(blue.getLocation(), again);

        switcher.restore(running());

        verify(again.adapt(BundleStartLevel.class)).setStartLevel(12);
        verify(again, never()).start();
    }
}
