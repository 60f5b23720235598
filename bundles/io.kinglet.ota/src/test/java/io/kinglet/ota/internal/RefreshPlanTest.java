package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A framework of mocks: {@code telemetry.api} is replaced; {@code telemetry} imports it, {@code mqtt}
 * requires {@code telemetry} as a bundle, and {@code telemetry.config} is a fragment of {@code telemetry}.
 */
class RefreshPlanTest {

    private final FrameworkWiring wiring = mock(FrameworkWiring.class);
    private final Bundle api = bundle("io.kinglet.telemetry.api");
    private final Bundle telemetry = bundle("io.kinglet.telemetry");
    private final Bundle mqtt = bundle("io.kinglet.mqtt");
    private final Bundle fragment = bundle("io.kinglet.telemetry.config");
    private final Bundle unrelated = bundle("io.kinglet.sensehat");
    private final Bundle agent = bundle("io.kinglet.ota");

    RefreshPlanTest() {
        wires(telemetry, wire(PackageNamespace.PACKAGE_NAMESPACE, "io.kinglet.telemetry.api", api));
        wires(
                mqtt,
                wire(PackageNamespace.PACKAGE_NAMESPACE, "org.slf4j", bundle("slf4j.api")),
                wire(BundleNamespace.BUNDLE_NAMESPACE, "io.kinglet.telemetry", telemetry));
        wires(fragment, wire(HostNamespace.HOST_NAMESPACE, "io.kinglet.telemetry", telemetry));
        wires(agent, wire(PackageNamespace.PACKAGE_NAMESPACE, "io.kinglet.telemetry.api", api));
    }

    private static Bundle bundle(String symbolicName) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn(symbolicName);
        return bundle;
    }

    private static BundleWire wire(String namespace, String name, Bundle provider) {
        BundleCapability capability = mock(BundleCapability.class);
        when(capability.getNamespace()).thenReturn(namespace);
        when(capability.getAttributes()).thenReturn(Map.of(namespace, name));
        BundleRevision revision = mock(BundleRevision.class);
        when(revision.getBundle()).thenReturn(provider);
        BundleWire wire = mock(BundleWire.class);
        when(wire.getCapability()).thenReturn(capability);
        when(wire.getProvider()).thenReturn(revision);
        return wire;
    }

    private static void wires(Bundle requirer, BundleWire... required) {
        BundleWiring bundleWiring = mock(BundleWiring.class);
        when(bundleWiring.getRequiredWires(null)).thenReturn(Arrays.asList(required));
        when(requirer.adapt(BundleWiring.class)).thenReturn(bundleWiring);
    }

    /** The framework's answer for the refresh closure of {@code replaced}: themselves and {@code dependents}. */
    private void closure(List<Bundle> replaced, Bundle... dependents) {
        List<Bundle> closure = new ArrayList<>(replaced);
        closure.addAll(List.of(dependents));
        when(wiring.getDependencyClosure(replaced)).thenReturn(closure);
    }

    @Test
    void eachBundleTheRefreshRestartsIsNamedWithWhyAndTheReplacedOnesAreNot() {
        List<Bundle> replaced = List.of(api);
        closure(replaced, telemetry, mqtt, fragment);

        RefreshPlan plan = RefreshPlan.of(wiring, replaced, agent);

        assertEquals(
                List.of(
                        "io.kinglet.mqtt (requires bundle io.kinglet.telemetry)",
                        "io.kinglet.telemetry (imports io.kinglet.telemetry.api)",
                        "io.kinglet.telemetry.config (is a fragment of io.kinglet.telemetry)"),
                plan.restarted());
    }

    @Test
    void replacingAnUnrelatedBundleLeavesTheAgentAloneAndSwitchesInPlace() {
        List<Bundle> replaced = List.of(unrelated);
        closure(replaced);
        ServiceReference<?> logging = service("org.slf4j.ILoggerFactory", mqtt);
        when(agent.getServicesInUse()).thenReturn(new ServiceReference<?>[] {logging});

        RefreshPlan plan = RefreshPlan.of(wiring, replaced, agent);

        assertEquals(List.of(), plan.restarted());
        assertFalse(plan.disturbsAgent());
        assertNull(plan.agentDisturbed());
    }

    @Test
    void theAgentInTheRefreshClosureIsDisturbed() {
        List<Bundle> replaced = List.of(api);
        closure(replaced, telemetry, agent);

        RefreshPlan plan = RefreshPlan.of(wiring, replaced, agent);

        assertTrue(plan.disturbsAgent());
        assertEquals("io.kinglet.ota (imports io.kinglet.telemetry.api)", plan.agentDisturbed());
        assertTrue(
                plan.restarted().contains(plan.agentDisturbed()),
                plan.restarted().toString());
    }

    @Test
    void theAgentReplacedItselfIsDisturbed() {
        List<Bundle> replaced = List.of(agent);
        closure(replaced);

        RefreshPlan plan = RefreshPlan.of(wiring, replaced, agent);

        assertEquals("io.kinglet.ota (is replaced)", plan.agentDisturbed());
        assertEquals(List.of(), plan.restarted());
    }

    @Test
    void theAgentUsingAServiceOfAReplacedBundleIsDisturbed() {
        List<Bundle> replaced = List.of(telemetry);
        closure(replaced, mqtt);
        ServiceReference<?> logging = service("org.slf4j.ILoggerFactory", bundle("slf4j.simple"));
        ServiceReference<?> telemetryService = service("io.kinglet.telemetry.api.Telemetry", telemetry);
        when(agent.getServicesInUse()).thenReturn(new ServiceReference<?>[] {logging, telemetryService});

        RefreshPlan plan = RefreshPlan.of(wiring, replaced, agent);

        assertEquals(
                "io.kinglet.ota (uses the service io.kinglet.telemetry.api.Telemetry of io.kinglet.telemetry)",
                plan.agentDisturbed());
        assertEquals(List.of("io.kinglet.mqtt (requires bundle io.kinglet.telemetry)"), plan.restarted());
    }

    /** A bundle the refresh only restarts unregisters its services as well. */
    @Test
    void theAgentUsingAServiceOfABundleTheRefreshRestartsIsDisturbed() {
        List<Bundle> replaced = List.of(api);
        closure(replaced, telemetry);
        ServiceReference<?> telemetryService = service("io.kinglet.telemetry.api.Telemetry", telemetry);
        when(agent.getServicesInUse()).thenReturn(new ServiceReference<?>[] {telemetryService});

        RefreshPlan plan = RefreshPlan.of(wiring, replaced, agent);

        assertEquals(
                "io.kinglet.ota (uses the service io.kinglet.telemetry.api.Telemetry of io.kinglet.telemetry)",
                plan.agentDisturbed());
    }

    @Test
    void nothingReplacedAsksTheFrameworkNothing() {
        RefreshPlan plan = RefreshPlan.of(wiring, List.of(), agent);

        assertEquals(List.of(), plan.restarted());
        assertFalse(plan.disturbsAgent());
        verifyNoInteractions(wiring);
    }

    private static ServiceReference<?> service(String objectClass, Bundle provider) {
        ServiceReference<?> reference = mock(ServiceReference.class);
        when(reference.getBundle()).thenReturn(provider);
        when(reference.getProperty(Constants.OBJECTCLASS)).thenReturn(new String[] {objectClass});
        return reference;
    }
}
