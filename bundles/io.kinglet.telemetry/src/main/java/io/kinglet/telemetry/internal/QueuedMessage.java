package io.kinglet.telemetry.internal;

/** A message as stored: its id, full topic, payload, QoS, priority and when it was queued. */
record QueuedMessage(long id, String topic, byte[] payload, int qos, int priority, long createdMillis) {

    /** The same message before the store gave it an id. */
    static QueuedMessage unsaved(String topic, byte[] payload, int qos, int priority, long createdMillis) {
        return new QueuedMessage(0, topic, payload, qos, priority, createdMillis);
    }
}
