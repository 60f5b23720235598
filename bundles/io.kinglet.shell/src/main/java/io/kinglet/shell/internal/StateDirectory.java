package io.kinglet.shell.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where state lives: the {@code kinglet.state.dir} framework property the launcher sets. */
final class StateDirectory {

    static final String PROPERTY = "kinglet.state.dir";

    private StateDirectory() {
    }

    static Path of(BundleContext context) {
        String dir = context.getProperty(PROPERTY);
        return Path.of(dir == null ? "state" : dir).toAbsolutePath();
    }
}
