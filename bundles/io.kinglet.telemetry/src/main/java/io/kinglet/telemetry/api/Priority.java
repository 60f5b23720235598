package io.kinglet.telemetry.api;

/** How much a message matters when the device's queue is full: lower priorities are dropped first. */
public enum Priority {
    LOW, NORMAL, HIGH, CRITICAL
}
