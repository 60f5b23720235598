package io.kinglet.telemetry.api;

import org.osgi.annotation.versioning.ProviderType;

/** A message the device could not store: the queue is full under the refuse policy, or the store failed. */
@ProviderType
public class TelemetryRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TelemetryRejectedException(String message) {
        super(message);
    }

    public TelemetryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
