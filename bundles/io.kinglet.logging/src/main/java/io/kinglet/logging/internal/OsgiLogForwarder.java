package io.kinglet.logging.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes OSGi Log Service entries (SCR, Config Admin, the framework) through SLF4J, so an operator
 * reads one line format whether the event came from a Felix service or a Kinglet bundle.
 */
@Component(immediate = true, configurationPid = "io.kinglet.logging")
@Designate(ocd = OsgiLogForwarder.Config.class)
public class OsgiLogForwarder implements LogListener {

    @ObjectClassDefinition(
            name = "Kinglet OSGi log forwarding",
            description = "Which OSGi Log Service entries reach the console/journal")
    public @interface Config {
        @AttributeDefinition(
                name = "Minimum level",
                description = "Entries below this level are not written. The framework logs every service and "
                        + "bundle event at INFO, so WARN keeps the log to what needs attention.")
        LogLevel minimumLevel() default LogLevel.WARN;
    }

    private final LogReaderService reader;
    private final LogLevel minimum;

    @Activate
    public OsgiLogForwarder(@Reference LogReaderService reader, Config config) {
        this.reader = reader;
        this.minimum = config.minimumLevel();
        // Entries logged before this bundle started (early start-up errors) are kept by the
        // log service; replay them oldest first so nothing from boot is lost.
        List<LogEntry> earlier = new ArrayList<>();
        for (Enumeration<LogEntry> e = reader.getLog(); e.hasMoreElements(); ) {
            earlier.add(e.nextElement());
        }
        Collections.reverse(earlier);
        earlier.forEach(this::logged);
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!minimum.implies(entry.getLogLevel())) {
            return;
        }
        Logger logger = LoggerFactory.getLogger(LogLines.loggerName(entry));
        String line = LogLines.message(entry);
        Throwable error = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(line, error);
            case WARN -> logger.warn(line, error);
            case INFO -> logger.info(line, error);
            case DEBUG -> logger.debug(line, error);
            case TRACE -> logger.trace(line, error);
        }
    }
}
