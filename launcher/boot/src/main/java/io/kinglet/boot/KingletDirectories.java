package io.kinglet.boot;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * The folders the launcher hands every bundle as framework properties: state that must survive a
 * restart ({@value #STATE_DIR}) and the operator's configuration ({@value #CONFIG_DIR}).
 */
public final class KingletDirectories {

    public static final String STATE_DIR = "kinglet.state.dir";
    public static final String CONFIG_DIR = "kinglet.config.dir";

    private KingletDirectories() {}

    /** The state directory; {@code ./state} when the framework was not started by the launcher. */
    public static Path state(BundleContext context) {
        return resolve(context, STATE_DIR, "state");
    }

    /** The config folder; {@code ./runtime-config} when the framework was not started by the launcher. */
    public static Path config(BundleContext context) {
        return resolve(context, CONFIG_DIR, "runtime-config");
    }

    private static Path resolve(BundleContext context, String property, String fallback) {
        String dir = context.getProperty(property);
        return Path.of(dir == null ? fallback : dir).toAbsolutePath();
    }
}
