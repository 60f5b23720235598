package io.kinglet.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class UnsatisfiedComponentsCheckTest {

    private final ServiceComponentRuntime scr = mock(ServiceComponentRuntime.class);

    @Test
    void okWhenComponentsRunOrOnlyWaitForRequiredConfiguration() {
        components(
                component("a", ComponentConfigurationDTO.ACTIVE),
                component("b", ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION));

        Result result = new UnsatisfiedComponentsCheck(scr).execute();

        assertEquals(Result.Status.OK, result.getStatus());
    }

    @Test
    void criticalNamingTheComponentAndTheServiceItLacks() {
        ComponentDescriptionDTO[] broken =
                component("io.kinglet.x.Thing", ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        UnsatisfiedReferenceDTO missing = new UnsatisfiedReferenceDTO();
        missing.name = "telemetry";
        configurationOf(broken[0]).unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {missing};
        components(broken);

        Result result = new UnsatisfiedComponentsCheck(scr).execute();

        assertEquals(Result.Status.CRITICAL, result.getStatus());
        assertEquals(
                "io.kinglet.x.Thing (io.kinglet.x): missing telemetry",
                messages(result).get(0));
    }

    @Test
    void criticalWithTheFirstLineOfAnActivationFailure() {
        ComponentDescriptionDTO[] broken = component("io.kinglet.x.Thing", ComponentConfigurationDTO.FAILED_ACTIVATION);
        configurationOf(broken[0]).failure = "java.lang.IllegalStateException: no device\n\tat x.y(Z.java:1)";
        components(broken);

        Result result = new UnsatisfiedComponentsCheck(scr).execute();

        assertEquals(Result.Status.CRITICAL, result.getStatus());
        assertTrue(messages(result).get(0).endsWith("failed to activate: java.lang.IllegalStateException: no device"));
    }

    @Test
    void anActivationFailureIsReportedByItsRootCause() {
        ComponentDescriptionDTO[] broken = component("io.kinglet.x.Thing", ComponentConfigurationDTO.FAILED_ACTIVATION);
        configurationOf(broken[0]).failure = "java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\n"
                + "Caused by: java.lang.IllegalArgumentException: broker.url 'http://x' is not tcp://\n\tat a.b(C.java:2)";
        components(broken);

        Result result = new UnsatisfiedComponentsCheck(scr).execute();

        assertEquals(
                "io.kinglet.x.Thing (io.kinglet.x): failed to activate: "
                        + "java.lang.IllegalArgumentException: broker.url 'http://x' is not tcp://",
                messages(result).get(0));
    }

    /** A damaged store fails its service, and its consumers fail for lack of it: the store comes first. */
    @Test
    void aComponentThatFailedOnlyForLackOfAFailedServiceNamesThatServiceAfterTheRootCause() {
        ComponentDescriptionDTO[] consumer =
                component("io.kinglet.x.Metrics", ComponentConfigurationDTO.FAILED_ACTIVATION);
        org.osgi.service.component.runtime.dto.ReferenceDTO reference =
                new org.osgi.service.component.runtime.dto.ReferenceDTO();
        reference.name = "$000";
        reference.interfaceName = "io.kinglet.x.Store";
        consumer[0].references = new org.osgi.service.component.runtime.dto.ReferenceDTO[] {reference};
        configurationOf(consumer[0]).failure =
                "java.lang.InstantiationException: Unable to get service for reference $000\n\tat x.y(Z.java:1)";
        ComponentDescriptionDTO[] provider =
                component("io.kinglet.x.Store", ComponentConfigurationDTO.FAILED_ACTIVATION);
        provider[0].serviceInterfaces = new String[] {"io.kinglet.x.Store"};
        configurationOf(provider[0]).failure =
                "org.sqlite.SQLiteException: [SQLITE_CORRUPT] malformed\n\tat a.b(C.java:2)";
        components(consumer, provider);

        Result result = new UnsatisfiedComponentsCheck(scr).execute();

        assertEquals(
                List.of(
                        "io.kinglet.x.Store (io.kinglet.x): failed to activate: "
                                + "org.sqlite.SQLiteException: [SQLITE_CORRUPT] malformed",
                        "io.kinglet.x.Metrics (io.kinglet.x): cannot start without io.kinglet.x.Store, whose component "
                                + "io.kinglet.x.Store failed to activate"),
                messages(result));
    }

    private ComponentDescriptionDTO[] component(String name, int state) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.name = name;
        description.bundle = new BundleDTO();
        description.bundle.symbolicName = "io.kinglet.x";
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.state = state;
        when(scr.getComponentConfigurationDTOs(description)).thenReturn(List.of(configuration));
        return new ComponentDescriptionDTO[] {description};
    }

    private ComponentConfigurationDTO configurationOf(ComponentDescriptionDTO description) {
        return scr.getComponentConfigurationDTOs(description).iterator().next();
    }

    private void components(ComponentDescriptionDTO[]... descriptions) {
        List<ComponentDescriptionDTO> all = java.util.Arrays.stream(descriptions)
                .flatMap(java.util.Arrays::stream)
                .toList();
        when(scr.getComponentDescriptionDTOs()).thenReturn(all);
    }

    private static List<String> messages(Result result) {
        List<String> messages = new java.util.ArrayList<>();
        for (ResultLog.Entry entry : result) {
            messages.add(entry.getMessage());
        }
        return messages;
    }
}
