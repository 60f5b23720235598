/** The OTA agent's implementation: private. */
package io.kinglet.ota.internal;
