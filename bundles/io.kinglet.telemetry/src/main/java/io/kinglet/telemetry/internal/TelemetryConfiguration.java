package io.kinglet.telemetry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the telemetry service (PID {@code io.kinglet.telemetry}). */
@ObjectClassDefinition(
        name = "Kinglet telemetry",
        description = "Durable telemetry queue on the device, forwarded to an MQTT broker")
public @interface TelemetryConfiguration {

    @AttributeDefinition(name = "Broker URL", description = "MQTT broker: tcp://host:port, or ssl://host:port for TLS")
    String broker_url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(
            name = "Device id",
            description = "This device's name in topics and as MQTT client id; empty means the host name")
    String device_id() default "";

    @AttributeDefinition(name = "Topic prefix", description = "Messages go to <prefix>/<device id>/<topic>")
    String topic_prefix() default "kinglet";

    @AttributeDefinition(name = "User name", description = "MQTT user name; empty for none")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "MQTT password")
    String password() default "";

    @AttributeDefinition(
            name = "Trust store",
            description = "PKCS12 file with the CA certificates to trust for ssl:// (empty: the JDK's)")
    String tls_trustStore() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD, description = "Its password")
    String tls_trustStorePassword() default "";

    @AttributeDefinition(
            name = "Key store",
            description = "PKCS12 file with this device's client certificate and key (empty: none)")
    String tls_keyStore() default "";

    @AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD, description = "Its password")
    String tls_keyStorePassword() default "";

    @AttributeDefinition(
            name = "Queue file",
            description = "The SQLite queue; a relative path is inside the state directory")
    String queue_path() default "telemetry/queue.db";

    @AttributeDefinition(
            name = "Queue quota (bytes)",
            min = "4096",
            description = "Payload bytes the queue may hold on disk")
    long queue_quotaBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(
            name = "When the queue is full",
            options = {
                @Option(value = "drop-lowest-priority-oldest", label = "Drop the lowest-priority, oldest messages"),
                @Option(value = "refuse-new", label = "Refuse new messages")
            })
    String queue_fullPolicy() default "drop-lowest-priority-oldest";

    @AttributeDefinition(
            name = "Messages in flight",
            min = "1",
            max = "65535",
            description = "QoS 1 messages sent and not yet acknowledged, at most (the broker may allow fewer)")
    int forward_maxInflight() default 1000;

    @AttributeDefinition(
            name = "Longest reconnect delay (s)",
            min = "1",
            max = "3600",
            description = "Reconnect attempts back off from 1 s, doubling up to this")
    int reconnect_maxDelaySeconds() default 60;

    @AttributeDefinition(
            name = "Heartbeat interval (s)",
            min = "0",
            max = "86400",
            description = "Device status (uptime, health, versions) to <prefix>/<device id>/status; 0 turns it off")
    int heartbeat_intervalSeconds() default 60;

    @AttributeDefinition(
            name = "Oldest message age warning (s)",
            min = "1",
            description = "The health check warns when the oldest queued message is older than this")
    int health_maxAgeSeconds() default 300;
}
