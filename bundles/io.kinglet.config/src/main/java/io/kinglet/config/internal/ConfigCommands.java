package io.kinglet.config.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code cm:list}, {@code cm:get PID} and {@code cm:refused}: what Configuration Admin holds, and
 * which dropped files are refused. Passwords and anything named like a secret are masked.
 */
@Component(
        service = ConfigCommands.class,
        property = {
            "osgi.command.scope=cm",
            "osgi.command.function=list",
            "osgi.command.function=get",
            "osgi.command.function=refused"
        })
public class ConfigCommands {

    private final ConfigurationAdmin configAdmin;
    private final ConfigFileStatus status;

    @Activate
    public ConfigCommands(@Reference ConfigurationAdmin configAdmin, @Reference ConfigFileStatus status) {
        this.configAdmin = configAdmin;
        this.status = status;
    }

    @Descriptor("list the configurations held by Configuration Admin, with the file each came from")
    public String list() throws IOException, InvalidSyntaxException {
        Configuration[] all = configAdmin.listConfigurations(null);
        if (all == null) {
            return "No configurations";
        }
        Arrays.sort(all, Comparator.comparing(Configuration::getPid));
        StringBuilder out = new StringBuilder();
        for (Configuration configuration : all) {
            Dictionary<String, Object> properties = current(configuration);
            if (properties == null) {
                continue;
            }
            Object file = properties.get(ConfigFileInstaller.FILENAME_PROPERTY);
            out.append(configuration.getPid())
                    .append(file == null ? "" : "  <- " + file)
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * Its properties, or null when it is not current: created and not yet updated, or deleted since it
     * was listed (a file being applied or removed while the command runs).
     */
    private static Dictionary<String, Object> current(Configuration configuration) {
        try {
            return configuration.getProperties();
        } catch (IllegalStateException deleted) {
            return null;
        }
    }

    @Descriptor("show the properties of one configuration")
    public String get(@Descriptor("the configuration PID, e.g. io.kinglet.shell.socket") String pid)
            throws IOException, InvalidSyntaxException {
        Configuration[] found =
                configAdmin.listConfigurations("(service.pid=" + ConfigFileInstaller.escapeFilter(pid) + ")");
        if (found == null) {
            return "No configuration with PID " + pid;
        }
        Dictionary<String, Object> properties = current(found[0]);
        if (properties == null) {
            return "No configuration with PID " + pid;
        }
        Map<String, Object> sorted = new TreeMap<>();
        for (String key : Collections.list(properties.keys())) {
            sorted.put(key, properties.get(key));
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((key, value) ->
                out.append(key).append(" = ").append(render(key, value)).append('\n'));
        return out.toString();
    }

    @Descriptor("list the configuration files that are refused, and why")
    public String refused() {
        Map<String, String> refused = status.refusedFiles();
        if (refused.isEmpty()) {
            return "No refused configuration files";
        }
        StringBuilder out = new StringBuilder();
        refused.forEach(
                (file, reason) -> out.append(file).append(": ").append(reason).append('\n'));
        return out.toString();
    }

    static String render(String key, Object value) {
        String lower = key.toLowerCase();
        if (lower.contains("password")
                || lower.contains("secret")
                || lower.contains("token")
                || lower.contains("authorization")) {
            return "********";
        }
        if (value != null && value.getClass().isArray()) {
            Object[] boxed = new Object[java.lang.reflect.Array.getLength(value)];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = java.lang.reflect.Array.get(value, i);
            }
            return Arrays.toString(boxed);
        }
        return String.valueOf(value);
    }
}
