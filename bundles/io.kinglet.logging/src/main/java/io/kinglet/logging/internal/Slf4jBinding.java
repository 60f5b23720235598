package io.kinglet.logging.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.slf4j.LoggerFactory;

/**
 * Binds SLF4J to its provider while {@code System.out} is still the process's stdout. The
 * provider keeps the stream it finds at that moment; the gogo shell, which starts later, swaps
 * {@code System.out} per command session, and log lines must keep going to the journal rather
 * than into whichever shell command happens to be running.
 */
public class Slf4jBinding implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        LoggerFactory.getLogger(Slf4jBinding.class).debug("SLF4J bound to the process's stdout");
    }

    @Override
    public void stop(BundleContext context) {
        // nothing held
    }
}
