package io.kinglet.telemetry.internal;

import javax.net.SocketFactory;

/** What the forwarder needs from the configuration, resolved: full topic prefix, TLS socket factory. */
record ForwarderSettings(
        String brokerUrl,
        String clientId,
        String topicPrefix,
        String username,
        String password,
        SocketFactory socketFactory,
        int maxInflight,
        int maxReconnectDelaySeconds) {}
