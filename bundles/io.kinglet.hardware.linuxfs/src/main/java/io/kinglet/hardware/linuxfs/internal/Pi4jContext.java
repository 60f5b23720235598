package io.kinglet.hardware.linuxfs.internal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.provider.Provider;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's own Pi4J context, built on first use so that a runtime whose capabilities use another
 * provider (the default profile's simulation) never loads Pi4J. It is built without auto-detection (no
 * ServiceLoader scan of plugins, which does not work across bundles) and without Pi4J's JVM shutdown
 * hook: the component's life is the context's. One per component rather than one shared, so that each
 * provider service starts and stops alone.
 */
final class Pi4jContext {

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jContext.class);

    private final String name;
    private final Supplier<Provider<?, ?, ?>> provider;
    private Context context;
    private boolean closed;

    /** {@code name} as operators read it, e.g. {@code Linux I2C}; {@code provider} the one Pi4J provider it needs. */
    Pi4jContext(String name, Supplier<Provider<?, ?, ?>> provider) {
        this.name = name;
        this.provider = provider;
    }

    synchronized Context get() throws IOException {
        if (closed) {
            throw new IOException("the " + name + " provider has stopped");
        }
        if (context == null) {
            Provider<?, ?, ?> only = provider.get();
            context = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .disableShutdownHook()
                    .add(only)
                    .build();
            LOG.info("{}: Pi4J context ready ({} provider, no auto-detection)", name, only.id());
        }
        return context;
    }

    /** Shuts the context down, closing every device still open; {@link #get} refuses from now on. */
    synchronized void close() {
        closed = true;
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("{}: shutting down the Pi4J context failed: {}", name, e.toString());
            }
            context = null;
        }
    }
}
