package io.kinglet.logging.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;

/** Turns an OSGi log entry into the logger name and one-line message an operator reads. */
final class LogLines {

    private LogLines() {}

    /** The bundle that logged, so "org.apache.felix.scr" rather than the generic log service name. */
    static String loggerName(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        String bsn = bundle == null ? null : bundle.getSymbolicName();
        return bsn != null ? bsn : entry.getLoggerName();
    }

    /** The message, with the service it concerns when the entry names one. */
    static String message(LogEntry entry) {
        String message = String.valueOf(entry.getMessage()).replace('\n', ' ');
        ServiceReference<?> ref = entry.getServiceReference();
        if (ref == null) {
            return message;
        }
        Object component = ref.getProperty("component.name");
        Object subject = component != null ? component : ref.getProperty("service.id");
        return "[" + subject + "] " + message;
    }
}
