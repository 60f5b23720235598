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
