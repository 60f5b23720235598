package io.kinglet.boot;

/**
 * Registered by the launcher: stops the framework and boots it again from the manifests, in the
 * same process. {@code Framework.update()} is not the same thing: Felix restarts itself without
 * giving the launcher the chance to choose the bundles first.
 */
public interface FrameworkRestart {

    /** Returns at once; the restart follows on another thread. {@code reason} is logged. */
    void restart(String reason);
}
