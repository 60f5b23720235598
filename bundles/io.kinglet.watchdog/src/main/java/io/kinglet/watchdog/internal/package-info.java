/** The watchdog: systemd notifications, the hardware watchdog, the reboot cause and the reboot-loop guard. */
package io.kinglet.watchdog.internal;
