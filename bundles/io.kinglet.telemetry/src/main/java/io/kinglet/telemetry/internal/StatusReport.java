package io.kinglet.telemetry.internal;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The device status a fleet dashboard reads: online, uptime, overall health, Kinglet bundle versions. */
final class StatusReport {

    private final BundleContext context;
    private final String deviceId;
    private final Supplier<String> health;

    StatusReport(BundleContext context, String deviceId, Supplier<String> health) {
        this.context = context;
        this.deviceId = deviceId;
        this.health = health;
    }

    static String offline() {
        return "{\"online\":false}";
    }

    String online() {
        Map<String, String> versions = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith("io.kinglet.")) {
                versions.put(name, bundle.getVersion().toString());
            }
        }
        StringBuilder json = new StringBuilder("{\"online\":true");
        json.append(",\"device\":").append(quote(deviceId));
        json.append(",\"uptimeSeconds\":")
                .append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        json.append(",\"health\":").append(quote(health.get()));
        json.append(",\"versions\":{");
        String separator = "";
        for (Map.Entry<String, String> version : versions.entrySet()) {
            json.append(separator).append(quote(version.getKey())).append(':').append(quote(version.getValue()));
            separator = ",";
        }
        return json.append("}}").toString();
    }

    /** Bundle names, versions and health words need no escaping beyond quotes and backslashes. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
