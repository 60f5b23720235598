package io.kinglet.ble.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Improv service's state machine. Every input (a write, an authorization, a timer, a connection
 * result) runs on one thread, so the state and what the characteristics show never disagree; the
 * Wi-Fi work runs on another so a slow connection holds nothing up. Nothing a client sends can throw
 * out of here: a bad packet becomes the Improv error the specification defines.
 */
final class Provisioner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    /** Capability bits: identify, device info, scan. */
    static final byte CAPABILITIES = 0b111;

    /** What the characteristics show and what else reacts (events, advertising). */
    interface Output {
        void state(ImprovState state);

        void error(ImprovError error);

        void result(byte[] packet);

        void identify();
    }

    /** How it is set up: the authorization rule, the timeouts and the strings it reports. */
    record Settings(
            boolean requireAuthorization,
            Duration authorizationTimeout,
            Duration connectTimeout,
            Connections.Limits limits,
            List<String> deviceInfo,
            RedirectUrl redirect) {}

    private final Settings settings;
    private final WifiBackend wifi;
    private final Output output;
    private final BleStats stats;
    private final Connections connections;
    private final EventThread events = new EventThread("kinglet-ble");
    /** Scans and connections, which take seconds, off the event thread. */
    private final EventThread wifiWork = new EventThread("kinglet-ble-wifi");

    private ImprovState state;
    private ImprovError error = ImprovError.NONE;
    private ScheduledFuture<?> authorizationExpiry;
    private String authorizedBy = "";

    Provisioner(Settings settings, WifiBackend wifi, Output output, BleStats stats) {
        this.settings = settings;
        this.wifi = wifi;
        this.output = output;
        this.stats = stats;
        this.connections = new Connections(settings.limits());
        this.state = initial();
    }

    /** Shows the initial state and no error. */
    void begin() {
        run(() -> {
            state = initial();
            error = ImprovError.NONE;
            connections.clear();
            output.error(error);
            output.state(state);
        });
    }

    /**
     * One write to the RPC command characteristic. Returns false when the connection is over its
     * write budget (the write is refused and dropped).
     */
    boolean write(String device, byte[] value, int offset) {
        try {
            return events.call(() -> accept(device, value, offset));
        } catch (IllegalStateException e) {
            LOG.warn("BLE: a write from {} was not handled: {}", device, e.getMessage());
            return false;
        }
    }

    /** Physical presence was shown (joystick, button, shell): credentials are accepted for a while. */
    void authorize(String by) {
        run(() -> {
            authorizedBy = by;
            if (state == ImprovState.AUTHORIZATION_REQUIRED) {
                move(ImprovState.AUTHORIZED);
            }
            if (state == ImprovState.AUTHORIZED) {
                LOG.info(
                        "BLE: authorized by {} for {} s",
                        by,
                        settings.authorizationTimeout().toSeconds());
                startExpiry();
            }
        });
    }

    ImprovState state() {
        return call(() -> state);
    }

    ImprovError error() {
        return call(() -> error);
    }

    String authorizedBy() {
        return call(() -> authorizedBy);
    }

    int connections() {
        return call(connections::size);
    }

    private boolean accept(String device, byte[] value, int offset) {
        stats.writes.increment();
        Connections.Connection connection = connections.of(device);
        if (!connection.budget.tryAcquirePermit()) {
            stats.throttled.increment();
            if (!connection.throttled) {
                connection.throttled = true;
                LOG.warn(
                        "BLE: {} writes faster than {} a second; refusing its writes",
                        device,
                        settings.limits().writesPerSecond());
            }
            return false;
        }
        connection.throttled = false;
        try {
            Optional<byte[]> packet = connection.reassembly.add(value, offset, System.nanoTime());
            if (packet.isEmpty()) {
                events.schedule(
                        this::expireFragments,
                        settings.limits().reassemblyTimeout().toMillis() + 1);
                return true;
            }
            handle(device, RpcCodec.decode(packet.get()));
        } catch (RpcException e) {
            refuse(device, e);
        } catch (RuntimeException e) {
            LOG.error("BLE: handling a packet from {} failed", device, e);
            showError(ImprovError.UNKNOWN);
        }
        return true;
    }

    private void handle(String device, RpcCommand command) throws RpcException {
        stats.packets.increment();
        LOG.info("BLE: {} from {}", command, device);
        switch (command) {
            case RpcCommand.Identify identify -> {
                showError(ImprovError.NONE);
                output.identify();
            }
            case RpcCommand.DeviceInfo info -> {
                showError(ImprovError.NONE);
                output.result(RpcCodec.result(RpcCommand.DEVICE_INFO, settings.deviceInfo()));
            }
            case RpcCommand.Scan scan -> {
                showError(ImprovError.NONE);
                wifiWork.run(this::scan);
            }
            case RpcCommand.WifiSettings credentials -> provision(credentials);
        }
    }

    private void provision(RpcCommand.WifiSettings credentials) throws RpcException {
        if (state != ImprovState.AUTHORIZED) {
            throw new RpcException(
                    ImprovError.NOT_AUTHORIZED,
                    "Wi-Fi settings while " + state.name().toLowerCase().replace('_', ' ')
                            + (state == ImprovState.AUTHORIZATION_REQUIRED
                                    ? " (press the joystick or run ble:authorize)"
                                    : ""));
        }
        cancelExpiry();
        showError(ImprovError.NONE);
        move(ImprovState.PROVISIONING);
        long started = System.nanoTime();
        wifiWork.run(() -> {
            try {
                Optional<String> address = wifi.connect(credentials, settings.connectTimeout());
                run(() -> provisioned(credentials, address, started));
            } catch (WifiBackend.WifiException e) {
                run(() -> unableToConnect(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("BLE: connecting to \"{}\" failed", credentials.ssidText(), e);
                run(() -> unableToConnect(e.toString()));
            }
        });
    }

    private void provisioned(RpcCommand.WifiSettings credentials, Optional<String> address, long started) {
        stats.provisioned.increment();
        move(ImprovState.PROVISIONED);
        output.result(RpcCodec.result(
                RpcCommand.WIFI_SETTINGS, List.of(settings.redirect().expand(address))));
        stats.lastProvisioningNanos = System.nanoTime() - started;
        LOG.info(
                "BLE: provisioned: connected to \"{}\"{}",
                credentials.ssidText(),
                address.map(a -> " as " + a).orElse(""));
    }

    private void unableToConnect(String reason) {
        stats.failedConnections.increment();
        LOG.warn("BLE: unable to connect: {}", reason);
        showError(ImprovError.UNABLE_TO_CONNECT);
        move(ImprovState.AUTHORIZED);
        if (settings.requireAuthorization()) {
            startExpiry();
        }
    }

    private void scan() {
        try {
            byte[] packet = RpcCodec.scanResult(wifi.scan());
            run(() -> output.result(packet));
        } catch (WifiBackend.WifiException e) {
            LOG.warn("BLE: scan failed: {}", e.getMessage());
            run(() -> showError(ImprovError.UNKNOWN));
        }
    }

    private void refuse(String device, RpcException e) {
        stats.refused(e.error());
        LOG.info("BLE: refused a packet from {}: {}", device, e.getMessage());
        showError(e.error());
    }

    private void expireFragments() {
        for (String device : connections.expire(System.nanoTime())) {
            refuse(device, new RpcException(ImprovError.INVALID_RPC, "a packet left unfinished"));
        }
    }

    private void startExpiry() {
        cancelExpiry();
        if (!settings.requireAuthorization()) {
            return;
        }
        authorizationExpiry = events.schedule(
                () -> {
                    if (state == ImprovState.AUTHORIZED) {
                        LOG.info(
                                "BLE: authorization expired after {} s",
                                settings.authorizationTimeout().toSeconds());
                        move(ImprovState.AUTHORIZATION_REQUIRED);
                    }
                },
                settings.authorizationTimeout().toMillis());
    }

    private void cancelExpiry() {
        if (authorizationExpiry != null) {
            authorizationExpiry.cancel(false);
            authorizationExpiry = null;
        }
    }

    private void showError(ImprovError next) {
        // a repeated error is notified again so the client sees each refusal
        if (next != error || next != ImprovError.NONE) {
            error = next;
            output.error(next);
        }
    }

    private void move(ImprovState next) {
        if (next != state) {
            state = next;
            output.state(next);
        }
    }

    private ImprovState initial() {
        return settings.requireAuthorization() ? ImprovState.AUTHORIZATION_REQUIRED : ImprovState.AUTHORIZED;
    }

    private void run(Runnable task) {
        events.run(task);
    }

    private <T> T call(Callable<T> query) {
        return events.call(query);
    }

    @Override
    public void close() {
        wifiWork.close();
        events.close();
    }
}
