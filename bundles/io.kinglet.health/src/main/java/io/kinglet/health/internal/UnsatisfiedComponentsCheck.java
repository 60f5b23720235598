package io.kinglet.health.internal;

import io.kinglet.health.api.HealthTags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Every enabled DS component is either running or waiting only for configuration it requires.
 * A component missing a mandatory service or failing in activate is reported by name, with the
 * references it lacks, because that is a capability silently not working. A component that failed
 * is reported by its root cause first; those that failed only because its service could not be had
 * follow, naming it, so the operator looks at the cause rather than at its consumers.
 */
@Component
@HealthCheckService(
        name = "DS components",
        tags = {HealthTags.FRAMEWORK, "components"})
public class UnsatisfiedComponentsCheck implements HealthCheck {

    /** How SCR says a component could not get a referenced service (its provider failed to activate). */
    private static final Pattern UNAVAILABLE = Pattern.compile("Unable to get service for reference (\\S+)");

    private final ServiceComponentRuntime scr;

    @Activate
    public UnsatisfiedComponentsCheck(@Reference ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<String> causes = new ArrayList<>();
        List<String> consequences = new ArrayList<>();
        // SCR builds fresh DTOs on every call: read them once per run (the watchdog runs this every tick)
        Map<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> components = new LinkedHashMap<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            components.put(description, scr.getComponentConfigurationDTOs(description));
        }
        Map<String, String> failedProviders = failedProviders(components);
        int running = 0;
        for (Map.Entry<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> component :
                components.entrySet()) {
            ComponentDescriptionDTO description = component.getKey();
            for (ComponentConfigurationDTO configuration : component.getValue()) {
                String problem = problem(configuration);
                if (problem == null) {
                    running++;
                    continue;
                }
                String name = description.name + " (" + description.bundle.symbolicName + ")";
                String provider = unavailableService(description, configuration, failedProviders);
                if (provider != null) {
                    consequences.add(name + ": cannot start without " + provider);
                } else {
                    causes.add(name + ": " + problem);
                }
            }
        }
        if (causes.isEmpty() && consequences.isEmpty()) {
            log.info("{} component configurations satisfied", running);
        }
        // the root causes first: a component that failed, then those that failed only for lack of its service
        causes.forEach(line -> log.critical("{}", line));
        consequences.forEach(line -> log.critical("{}", line));
        return new Result(log);
    }

    /** Service interface to the component that provides it and failed to activate. */
    private static Map<String, String> failedProviders(
            Map<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> components) {
        Map<String, String> failed = new HashMap<>();
        for (Map.Entry<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> component :
                components.entrySet()) {
            ComponentDescriptionDTO description = component.getKey();
            for (ComponentConfigurationDTO configuration : component.getValue()) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                        && description.serviceInterfaces != null) {
                    for (String service : description.serviceInterfaces) {
                        failed.putIfAbsent(service, description.name);
                    }
                }
            }
        }
        return failed;
    }

    /**
     * When a component failed only because a service it references could not be had (its provider
     * failed to activate), which service and provider; null otherwise.
     */
    static String unavailableService(
            ComponentDescriptionDTO description, ComponentConfigurationDTO configuration, Map<String, String> failed) {
        if (configuration.state != ComponentConfigurationDTO.FAILED_ACTIVATION || configuration.failure == null) {
            return null;
        }
        Matcher m = UNAVAILABLE.matcher(configuration.failure);
        if (!m.find() || description.references == null) {
            return null;
        }
        for (ReferenceDTO reference : description.references) {
            String provider = failed.get(reference.interfaceName);
            if (reference.name.equals(m.group(1)) && provider != null) {
                return reference.interfaceName + ", whose component " + provider + " failed to activate";
            }
        }
        return null;
    }

    /** Null when the configuration is fine; otherwise what an operator needs to know. */
    static String problem(ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE ->
                "missing " + String.join(", ", referenceNames(configuration.unsatisfiedReferences));
            case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                "failed to activate: " + firstLine(configuration.failure);
            default -> null;
        };
    }

    private static List<String> referenceNames(UnsatisfiedReferenceDTO[] references) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : references) {
            names.add(reference.name + (reference.target == null ? "" : " " + reference.target));
        }
        return names;
    }

    /** The root cause of an activation failure: the last "Caused by:" of the trace, else its first line. */
    private static String firstLine(String failure) {
        if (failure == null) {
            return "unknown reason";
        }
        String reason = failure.lines().findFirst().orElse("").strip();
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                reason = line.substring("Caused by: ".length()).strip();
            }
        }
        return reason;
    }
}
