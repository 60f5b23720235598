package io.kinglet.shell.internal;

import io.kinglet.boot.KingletDirectories;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code kinglet:info}: what is running, in which profile, with state where, for how long. */
@Component(
        service = KingletInfoCommand.class,
        property = {"osgi.command.scope=kinglet", "osgi.command.function=info"})
public class KingletInfoCommand {

    private final BundleContext context;

    @Activate
    public KingletInfoCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("show the Kinglet version, profile, state directory and uptime")
    public String info() {
        Bundle system = context.getBundle(0);
        int active = 0;
        Bundle[] bundles = context.getBundles();
        for (Bundle bundle : bundles) {
            if (bundle.getState() == Bundle.ACTIVE) {
                active++;
            }
        }
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        return String.join(
                "\n",
                "Kinglet     " + orUnknown(context.getProperty("kinglet.version")),
                "Profile     " + orUnknown(context.getProperty("kinglet.profile")),
                "State dir   " + KingletDirectories.state(context),
                "Config dir  " + orUnknown(context.getProperty("felix.fileinstall.dir")),
                "Uptime      "
                        + String.format(
                                "%dd %02dh %02dm %02ds",
                                uptime.toDays(), uptime.toHoursPart(), uptime.toMinutesPart(), uptime.toSecondsPart()),
                "Framework   " + system.getSymbolicName() + " " + system.getVersion(),
                "Java        " + System.getProperty("java.vm.name") + " " + Runtime.version(),
                "Bundles     " + active + " active of " + bundles.length);
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }
}
