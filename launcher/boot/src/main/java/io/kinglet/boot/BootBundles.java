package io.kinglet.boot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The bundles embedded in kinglet.jar, registered as a service by the launcher: the OTA agent
 * reinstalls one from here when a rollback returns a bundle to its embedded version, and asks it the
 * start level of a bundle new to the device, so the level does not change at the next start.
 */
@ProviderType
public interface BootBundles {

    /** Symbolic name to version of every embedded bundle. */
    Map<String, String> versions();

    /** The embedded jar of {@code symbolicName}. */
    InputStream open(String symbolicName) throws IOException;

    /** The start level the launcher's rules give {@code symbolicName}, embedded or not. */
    int startLevel(String symbolicName);
}
