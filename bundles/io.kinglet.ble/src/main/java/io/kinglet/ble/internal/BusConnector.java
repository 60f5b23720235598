package io.kinglet.ble.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioner's D-Bus connection, made in the background so that activation never waits on the
 * bus, and made again when it cannot be had or is lost (dbus restarted). Each connection gets a
 * {@link BusSession}; Wi-Fi requests go to the current one.
 */
final class BusConnector implements WifiBackend, AutoCloseable {

    /** Sets up what lives on a new connection. */
    interface Opener {
        BusSession open(DBusConnection bus) throws DBusException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BusConnector.class);
    private static final Duration RETRY = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final String address;
    private final Opener opener;
    private final EventThread thread = new EventThread("kinglet-ble-dbus");
    private volatile BusSession session;
    private volatile String problem = "connecting to D-Bus";
    private volatile boolean closed;

    BusConnector(String address, Opener opener) {
        this.address = address;
        this.opener = opener;
    }

    /** Connects in the background, and again whenever the connection cannot be had or is lost. */
    void start() {
        thread.run(this::connect);
    }

    Optional<BusSession> session() {
        return Optional.ofNullable(session);
    }

    /** Why there is no session, while there is none. */
    Optional<String> problem() {
        return session == null ? Optional.of(problem) : Optional.empty();
    }

    private String where() {
        return address.isBlank() ? "the system bus" : address;
    }

    private void connect() {
        if (closed) {
            return;
        }
        DBusConnection bus = null;
        try {
            DBusConnectionBuilder builder = address.isBlank()
                    ? DBusConnectionBuilder.forSystemBus()
                    : DBusConnectionBuilder.forAddress(address);
            // a few threads are plenty for one GATT service; dbus-java's defaults are sized for servers
            bus = builder.withShared(false)
                    .withDisconnectCallback(new IDisconnectCallback() {
                        @Override
                        public void disconnectOnError(IOException e) {
                            thread.run(() -> lost(e));
                        }
                    })
                    // a missing bus is told within seconds, not after dbus-java's default wait
                    .transportConfig()
                    .withTimeout((int) CONNECT_TIMEOUT.toMillis())
                    .back()
                    .receivingThreadConfig()
                    .withSignalThreadCount(1)
                    .withMethodCallThreadCount(2)
                    .withMethodReturnThreadCount(1)
                    .withErrorHandlerThreadCount(1)
                    .connectionConfig()
                    .build();
            BusSession opened = opener.open(bus);
            if (closed) {
                opened.close();
                return;
            }
            session = opened;
            LOG.info("BLE: connected to D-Bus at {}", where());
        } catch (DBusException | RuntimeException e) {
            if (bus != null) {
                bus.disconnect();
            }
            String now = "cannot connect to D-Bus at " + where() + ": " + e.getMessage()
                    + " (is dbus running? dbusAddress in " + BleProvisioner.PID + ".cfg names the bus)";
            if (!now.equals(problem)) {
                LOG.warn("BLE: {}; trying again every {} s", now, RETRY.toSeconds());
            }
            problem = now;
            thread.schedule(this::connect, RETRY.toMillis());
        }
    }

    private void lost(IOException e) {
        BusSession lost = session;
        if (lost == null || closed) {
            return;
        }
        session = null;
        problem = "lost D-Bus at " + where() + ": " + e.getMessage();
        LOG.warn("BLE: {}; connecting again", problem);
        lost.close();
        connect();
    }

    @Override
    public List<Network> scan() throws WifiException {
        return wifi().scan();
    }

    @Override
    public Optional<String> connect(RpcCommand.WifiSettings settings, Duration timeout) throws WifiException {
        return wifi().connect(settings, timeout);
    }

    private NetworkManagerWifi wifi() throws WifiException {
        BusSession current = session;
        if (current == null) {
            throw new WifiException("NetworkManager cannot be reached: " + problem);
        }
        return current.wifi();
    }

    @Override
    public void close() {
        closed = true;
        thread.close();
        BusSession open = session;
        session = null;
        if (open != null) {
            open.close();
        }
    }
}
