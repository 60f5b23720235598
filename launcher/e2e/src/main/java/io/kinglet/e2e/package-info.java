/**
 * End-to-end test harness: {@link io.kinglet.e2e.KingletProcess} runs the exported launcher as a
 * child process in a temporary directory, the way an operator runs it, and talks to it over HTTP,
 * the shell socket and the config folder. {@link io.kinglet.e2e.PrivateBus} stands in for the system
 * bus with bluetoothd and NetworkManager on it, {@link io.kinglet.e2e.BleCentral} for a phone.
 * {@link io.kinglet.e2e.HawkbitServer} is a real hawkBit update server to poll, and
 * {@link io.kinglet.e2e.CuttingProxy} breaks the connection to it as a poor network would.
 */
package io.kinglet.e2e;
