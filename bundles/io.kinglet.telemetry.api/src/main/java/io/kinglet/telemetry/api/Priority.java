package io.kinglet.telemetry.api;

import org.osgi.annotation.versioning.ProviderType;

/** How much a message matters when the device's queue is full: lower priorities are dropped first. */
@ProviderType
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL
}
