/** Framework health checks, the Prometheus endpoint and its collectors, and the health shell command. */
package io.kinglet.health.internal;
