/** The durable queue, the MQTT forwarder and the telemetry service's commands, metrics and health. */
package io.kinglet.telemetry.internal;
