package io.kinglet.boot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The bundles embedded in kinglet.jar, registered as a service by the launcher: the OTA agent
 * reinstalls one from here when a rollback returns a bundle to its embedded version.
 */
public interface BootBundles {

    /** Symbolic name to version of every embedded bundle. */
    Map<String, String> versions();

    /** The embedded jar of {@code symbolicName}. */
    InputStream open(String symbolicName) throws IOException;
}
