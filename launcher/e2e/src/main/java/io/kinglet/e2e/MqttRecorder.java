package io.kinglet.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A fleet-side consumer: subscribes with QoS 1 in a persistent session (so nothing is missed while
 * its broker restarts) and records every message with its topic, payload and Kinglet message id.
 */
public final class MqttRecorder implements MqttCallback, AutoCloseable {

    /** One received message. {@code id} is the kinglet-id user property, or -1. */
    public record Received(String topic, String payload, long id, boolean retained) {}

    private final MqttClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final List<Received> received = new ArrayList<>();

    public MqttRecorder(String brokerUrl, String filter) throws MqttException {
        client = new MqttClient(brokerUrl, "recorder-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(this);
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        client.connect(options);
        client.subscribe(filter, 1);
    }

    /** Received messages on one topic, in arrival order. */
    public synchronized List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public synchronized void messageArrived(String topic, MqttMessage message) {
        long id = -1;
        MqttProperties properties = message.getProperties();
        if (properties != null) {
            for (UserProperty p : properties.getUserProperties()) {
                if (p.getKey().equals("kinglet-id")) {
                    id = Long.parseLong(p.getValue());
                }
            }
        }
        received.add(new Received(
                topic, new String(message.getPayload(), StandardCharsets.UTF_8), id, message.isRetained()));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // nothing to do: the broker's persistent session keeps the subscription across reconnects.
        // Subscribing again here would block Paho's callback thread until the SUBACK, which queues
        // behind the session's backlog of messages that this same thread must deliver: a deadlock.
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
