package io.kinglet.telemetry.internal;

/** Why a new message was not stored; the label is the metric's. */
enum Refusal {
    /** The queue's quota is used up and the policy refuses new messages. */
    QUEUE_FULL("queue_full"),
    /** The disk has no room for it (see {@link DiskSpace}). */
    DISK_FULL("disk_full"),
    /** The store failed for another reason. */
    STORE_FAILED("store_failed");

    final String label;

    Refusal(String label) {
        this.label = label;
    }
}
