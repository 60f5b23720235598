package io.kinglet.config.internal;

import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;

/** Which dropped files are currently refused, and why: shared by the installer and the health check. */
@Component(service = ConfigFileStatus.class)
public class ConfigFileStatus {

    private final Map<String, String> refused = new TreeMap<>();

    synchronized void refused(String file, String reason) {
        refused.put(file, reason);
    }

    synchronized void accepted(String file) {
        refused.remove(file);
    }

    /** File name to the reason it was refused, sorted by file name. */
    synchronized Map<String, String> refusedFiles() {
        return new TreeMap<>(refused);
    }
}
