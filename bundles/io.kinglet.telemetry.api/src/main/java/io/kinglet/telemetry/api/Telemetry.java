package io.kinglet.telemetry.api;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes telemetry durably. Publishing never waits for the network: the message is written to
 * the device's queue and forwarded when the broker is reachable. Each message gets a stable id,
 * sent with it as the MQTT 5 user property {@value #MESSAGE_ID_PROPERTY}, so a consumer can drop
 * the duplicates an at-least-once delivery may produce.
 */
@ProviderType
public interface Telemetry {

    /** The MQTT 5 user property that carries a message's id. */
    String MESSAGE_ID_PROPERTY = "kinglet-id";

    /**
     * Queues a message.
     *
     * @param topic    relative to the device's topic prefix, e.g. {@code sensors/temperature};
     *                 no wildcards, no leading slash
     * @param payload  the bytes to send
     * @param qos      0 (at most once) or 1 (at least once: retried until the broker acknowledges)
     * @param priority which messages go first when the queue is full and the policy drops
     * @return completes with the message id once the message is stored durably on the device, or
     *         exceptionally with {@link TelemetryRejectedException} when it cannot be stored
     * @throws IllegalArgumentException for a malformed topic or a QoS other than 0 or 1
     */
    CompletionStage<Long> publish(String topic, byte[] payload, int qos, Priority priority);

    /** Queues a JSON document (UTF-8), as {@link #publish(String, byte[], int, Priority)}. */
    CompletionStage<Long> publishJson(String topic, String json, int qos, Priority priority);
}
