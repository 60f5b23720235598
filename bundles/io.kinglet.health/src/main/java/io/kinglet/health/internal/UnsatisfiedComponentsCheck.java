package io.kinglet.health.internal;

import io.kinglet.health.api.HealthTags;
import java.util.ArrayList;
import java.util.List;
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
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Every enabled DS component is either running or waiting only for configuration it requires.
 * A component missing a mandatory service or failing in activate is reported by name, with the
 * references it lacks, because that is a capability silently not working.
 */
@Component
@HealthCheckService(
        name = "DS components",
        tags = {HealthTags.FRAMEWORK, "components"})
public class UnsatisfiedComponentsCheck implements HealthCheck {

    private final ServiceComponentRuntime scr;

    @Activate
    public UnsatisfiedComponentsCheck(@Reference ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<String> broken = new ArrayList<>();
        int running = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                String problem = problem(configuration);
                if (problem == null) {
                    running++;
                } else {
                    broken.add(description.name + " (" + description.bundle.symbolicName + "): " + problem);
                }
            }
        }
        if (broken.isEmpty()) {
            log.info("{} component configurations satisfied", running);
        } else {
            broken.forEach(line -> log.critical("{}", line));
        }
        return new Result(log);
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
