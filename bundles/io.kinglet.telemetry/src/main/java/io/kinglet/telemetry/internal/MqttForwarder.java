package io.kinglet.telemetry.internal;

import io.kinglet.telemetry.api.Telemetry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued messages to the broker in id order, at most a window of them not yet deleted
 * (unacknowledged, or acknowledged and waiting for the writer), and reports each acknowledgement
 * back so the writer deletes it: a crash resends at most the window. A new connection starts over from
 * the oldest message still queued: what was in flight when the connection dropped is sent again
 * (at least once), never skipped. Connects with exponential back-off; publishes the device's
 * online status on connect and leaves a retained last will saying it went offline.
 */
final class MqttForwarder implements MqttCallback, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttForwarder.class);

    /** Times the client may refuse one message (about a second) before the connection is renewed. */
    private static final int MAX_ATTEMPTS = 5_000;

    /** The broker state, as stats and metrics show it. */
    enum State {
        CONNECTING,
        CONNECTED,
        DISCONNECTED,
        STOPPED
    }

    private final MessageStore store;
    private final StoreWriter writer;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ScheduledExecutorService scheduler;
    private final String statusTopic;
    private final int configuredWindow;
    private final long maxDelayMillis;
    private final StatusReport status;

    private final Object signal = new Object();
    private final AtomicLong sent = new AtomicLong();
    private volatile State state = State.DISCONNECTED;
    private volatile boolean paused;
    private volatile boolean running = true;
    private volatile Semaphore window;
    private volatile int windowSize;
    private volatile long cursor;
    private volatile long connection;
    private long delayMillis = 1_000;

    MqttForwarder(
            MessageStore store,
            StoreWriter writer,
            ScheduledExecutorService scheduler,
            ForwarderSettings settings,
            StatusReport status)
            throws MqttException {
        this.store = store;
        this.writer = writer;
        this.scheduler = scheduler;
        this.statusTopic = settings.topicPrefix() + "status";
        this.configuredWindow = settings.maxInflight();
        this.maxDelayMillis = settings.maxReconnectDelaySeconds() * 1_000L;
        this.status = status;
        this.client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        client.setCallback(this);
        options = new MqttConnectionOptions();
        // the queue on disk is the session: nothing is kept in the client between connections
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setReceiveMaximum(65535);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        SocketFactory sockets = settings.socketFactory();
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        MqttMessage will = new MqttMessage(StatusReport.offline().getBytes(StandardCharsets.UTF_8), 1, true, null);
        options.setWill(statusTopic, will);
        windowSize = configuredWindow;
        window = new Semaphore(configuredWindow);
    }

    void start() {
        connect();
    }

    State state() {
        return state;
    }

    long sent() {
        return sent.get();
    }

    int inFlight() {
        return Math.max(0, windowSize - window.availablePermits());
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        wake();
    }

    boolean paused() {
        return paused;
    }

    /** Something new to send: a commit, an acknowledgement, a connection. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void connect() {
        if (!running) {
            return;
        }
        state = State.CONNECTING;
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connected(token);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retryLater(failure.getMessage());
                }
            });
        } catch (MqttException e) {
            retryLater(e.getMessage());
        }
    }

    private synchronized void connected(IMqttToken token) {
        Integer brokerMaximum = token.getResponseProperties() == null
                ? null
                : token.getResponseProperties().getReceiveMaximum();
        int size = brokerMaximum == null ? configuredWindow : Math.min(configuredWindow, brokerMaximum);
        window = new Semaphore(size);
        windowSize = size;
        cursor = 0;
        connection++;
        delayMillis = 1_000;
        state = State.CONNECTED;
        LOG.info("Telemetry: connected to {} (window {})", client.getServerURI(), size);
        publishStatus();
        wake();
    }

    private void retryLater(String reason) {
        if (!running) {
            return;
        }
        state = State.DISCONNECTED;
        long delay = delayMillis;
        delayMillis = Math.min(delayMillis * 2, maxDelayMillis);
        LOG.warn(
                "Telemetry: broker {} not reachable ({}); retrying in {} s",
                client.getServerURI(),
                reason,
                delay / 1000);
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** The retained online status with uptime, health and versions; the last will replaces it when the device goes. */
    void publishStatus() {
        if (state != State.CONNECTED) {
            return;
        }
        try {
            client.publish(
                    statusTopic, new MqttMessage(status.online().getBytes(StandardCharsets.UTF_8), 1, true, null));
        } catch (MqttException e) {
            LOG.debug("Telemetry: status not sent: {}", e.getMessage());
        }
    }

    @Override
    public void run() {
        String readFailure = null;
        while (running) {
            try {
                if (state != State.CONNECTED || paused || !forwardBatch()) {
                    synchronized (signal) {
                        signal.wait(200);
                    }
                }
                readFailure = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                // once per failure, not once per retry
                String failure = String.valueOf(e.getMessage());
                if (!failure.equals(readFailure)) {
                    LOG.warn("Telemetry: cannot read the queue: {}", failure);
                }
                readFailure = failure;
                sleepQuietly();
            }
        }
    }

    /** Sends what fits in the window; false when there was nothing to send. */
    private boolean forwardBatch() throws SQLException, InterruptedException {
        long epoch = connection;
        Semaphore permits = window;
        List<QueuedMessage> batch = store.after(cursor, 512);
        if (batch.isEmpty()) {
            return false;
        }
        for (QueuedMessage message : batch) {
            if (!running || paused || state != State.CONNECTED || epoch != connection) {
                return true;
            }
            if (writer.isAcknowledged(message.id())) {
                advance(epoch, message.id());
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                if (!acquire(permits, epoch)) {
                    return true;
                }
                if (send(message, permits)) {
                    break;
                }
                if (attempt == MAX_ATTEMPTS) {
                    // skipping it would break the order: start a new connection, which resends from it
                    forceReconnect("message " + message.id() + " refused by the client " + MAX_ATTEMPTS + " times");
                    return true;
                }
            }
            advance(epoch, message.id());
        }
        return true;
    }

    /**
     * Moves the cursor past a message sent on connection {@code epoch}, unless a new connection has
     * started since: its reset to the oldest queued message must not be overwritten by the old
     * connection's progress, or what was in flight when it dropped would never be sent again. Under
     * the same lock as {@link #connected}.
     */
    private synchronized void advance(long epoch, long id) {
        if (epoch == connection) {
            cursor = id;
        }
    }

    /** Waits for room in the window; false if the connection went meanwhile. */
    private boolean acquire(Semaphore permits, long epoch) throws InterruptedException {
        while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (state != State.CONNECTED || epoch != connection || !running) {
                return false;
            }
        }
        return true;
    }

    /** False when the client refused the message for now; the permit is returned. */
    private boolean send(QueuedMessage message, Semaphore permits) {
        MqttMessage mqtt = new MqttMessage(message.payload(), message.qos(), false, idProperty(message.id()));
        try {
            client.publish(message.topic(), mqtt, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    sent.incrementAndGet();
                    writer.acknowledge(message.id(), permits::release);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    permits.release();
                    // stays queued; sending on past it would break the order, so a new connection
                    // resends everything unacknowledged from here
                    forceReconnect("message " + message.id() + " not acknowledged: " + failure.getMessage());
                }
            });
            return true;
        } catch (MqttException e) {
            // refused for now (most often the client's in-flight count lagging our window by a
            // moment, or a connection going): the caller tries the same message again shortly
            permits.release();
            LOG.debug("Telemetry: message {} not taken by the client: {}", message.id(), e.getMessage());
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            return false;
        }
    }

    private static MqttProperties idProperty(long id) {
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(new UserProperty(Telemetry.MESSAGE_ID_PROPERTY, Long.toString(id))));
        return properties;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        lost(response.getReasonString() != null ? response.getReasonString() : "code " + response.getReturnCode());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("Telemetry: MQTT error from {}: {}", client.getServerURI(), exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // nothing is subscribed
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // acknowledgements arrive through each publish's listener
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // handled by the connect listener
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /**
     * Drops the connection on purpose: the next one resends, in order, everything unacknowledged.
     * Runs on the scheduler, never on one of the client's callback threads, which must not disconnect.
     */
    private void forceReconnect(String reason) {
        scheduler.execute(() -> {
            if (!running || state != State.CONNECTED) {
                return;
            }
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException e) {
                LOG.debug("Telemetry: forced disconnect: {}", e.getMessage());
            }
            lost(reason);
        });
    }

    private synchronized void lost(String reason) {
        if (!running || state != State.CONNECTED) {
            return;
        }
        connection++;
        LOG.warn("Telemetry: connection to {} lost ({}); queued messages wait on disk", client.getServerURI(), reason);
        retryLater(reason);
        wake();
    }

    void stop() {
        running = false;
        state = State.STOPPED;
        wake();
        try {
            if (client.isConnected()) {
                // a clean disconnect does not fire the last will: say offline ourselves
                client.publish(
                                statusTopic,
                                new MqttMessage(StatusReport.offline().getBytes(StandardCharsets.UTF_8), 1, true, null))
                        .waitForCompletion(1_000);
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.debug("Telemetry: disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Telemetry: close: {}", e.getMessage());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
