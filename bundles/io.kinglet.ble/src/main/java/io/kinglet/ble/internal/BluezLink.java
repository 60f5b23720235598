package io.kinglet.ble.internal;

import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioner's link with bluetoothd: the GATT application and the advertisement registered on
 * the adapter, registered again whenever bluetoothd (re)appears on the bus, the advertisement
 * re-registered to show a new state. Calls to bluetoothd run one at a time on their own thread:
 * {@code RegisterApplication} only returns after bluetoothd has read the application back.
 */
final class BluezLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BluezLink.class);

    /** What health and {@code ble:status} show. */
    record Status(boolean bluezOnBus, boolean registered, boolean advertising, Optional<String> problem) {}

    private final DBusConnection bus;
    private final String adapter;
    private final ImprovGatt gatt;
    private final ImprovAdvertisement advertisement;
    private final EventThread calls = new EventThread("kinglet-ble-bluez");
    private AutoCloseable ownerWatch;
    private volatile boolean wantRegistered;
    private volatile boolean wantAdvertising;
    private volatile boolean bluezOnBus;
    private volatile boolean registered;
    private volatile boolean advertising;
    private volatile String problem;

    BluezLink(DBusConnection bus, String adapter, ImprovGatt gatt, ImprovAdvertisement advertisement) {
        this.bus = bus;
        this.adapter = adapter;
        this.gatt = gatt;
        this.advertisement = advertisement;
    }

    /** Exports the objects and follows bluetoothd on the bus; {@link #register} registers them. */
    void start() throws DBusException {
        gatt.exportTo(bus);
        bus.exportObject(advertisement.getObjectPath(), advertisement);
        ownerWatch = bus.addSigHandler(DBus.NameOwnerChanged.class, this::ownerChanged);
    }

    /** Registers the service (and the advertisement when asked), now or when bluetoothd appears. */
    void register(boolean advertise) {
        calls.run(() -> {
            wantRegistered = true;
            wantAdvertising = advertise;
            try {
                bluezOnBus = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                        .NameHasOwner(Bluez.BUS);
            } catch (DBusException | DBusExecutionException e) {
                bluezOnBus = false;
            }
            if (!bluezOnBus) {
                problem = "bluetoothd is not on the bus (is bluetooth.service running?)";
                LOG.warn("BLE: {}; registering when it appears", problem);
            } else if (!registered) {
                registerApplication();
            } else {
                applyAdvertising();
            }
        });
    }

    /** Stops advertising and unregisters the service until {@link #register}. */
    void unregister() {
        calls.run(() -> {
            wantRegistered = false;
            wantAdvertising = false;
            unregisterAll();
            LOG.info("BLE: Improv service unregistered; ble:start registers it again");
        });
    }

    /** Advertising on or off; off keeps the GATT application so a connected client can read the result. */
    void advertise(boolean on) {
        wantAdvertising = on;
        calls.run(this::applyAdvertising);
    }

    /** Re-registers the advertisement so scanners see the new service data. */
    void refreshAdvertisement() {
        calls.run(() -> {
            if (advertising && wantAdvertising) {
                unregisterAdvertisement();
                registerAdvertisement();
            } else {
                applyAdvertising();
            }
        });
    }

    /** The adapter's {@code Powered} property, empty when it cannot be read. */
    Optional<Boolean> adapterPowered() {
        try {
            Object powered =
                    bus.getRemoteObject(Bluez.BUS, adapter, Properties.class).Get(Bluez.ADAPTER, "Powered");
            return Optional.of(Boolean.TRUE.equals(powered));
        } catch (DBusException | DBusExecutionException e) {
            return Optional.empty();
        }
    }

    Status status() {
        return new Status(bluezOnBus, registered, advertising, Optional.ofNullable(problem));
    }

    /** bluetoothd called Release: the advertisement is gone from its side. */
    void released() {
        advertising = false;
        LOG.info("BLE: bluetoothd released the advertisement");
    }

    private void ownerChanged(DBus.NameOwnerChanged change) {
        if (!Bluez.BUS.equals(change.name)) {
            return;
        }
        calls.run(() -> {
            registered = false;
            advertising = false;
            bluezOnBus = !change.newOwner.isEmpty();
            if (bluezOnBus && wantRegistered) {
                LOG.info("BLE: bluetoothd (re)started; registering the Improv service again");
                registerApplication();
            } else if (!bluezOnBus) {
                problem = "bluetoothd left the bus";
                LOG.warn("BLE: {}; registering again when it returns", problem);
            }
        });
    }

    private void registerApplication() {
        try {
            manager(Bluez.GattManager1.class).RegisterApplication(new DBusPath(gatt.getObjectPath()), Map.of());
            registered = true;
            problem = null;
            LOG.info("BLE: Improv service registered with bluetoothd on {}", adapter);
            applyAdvertising();
        } catch (DBusException | DBusExecutionException e) {
            problem = "registering the GATT application on " + adapter + " failed: " + e.getMessage();
            LOG.warn("BLE: {}", problem);
        }
    }

    private void applyAdvertising() {
        if (!registered || wantAdvertising == advertising) {
            return;
        }
        if (wantAdvertising) {
            if (registerAdvertisement()) {
                LOG.info("BLE: advertising the Improv service");
            }
        } else {
            unregisterAdvertisement();
            LOG.info("BLE: advertising stopped");
        }
    }

    private boolean registerAdvertisement() {
        try {
            manager(Bluez.LEAdvertisingManager1.class)
                    .RegisterAdvertisement(new DBusPath(advertisement.getObjectPath()), Map.of());
            advertising = true;
            return true;
        } catch (DBusException | DBusExecutionException e) {
            problem = "registering the advertisement on " + adapter + " failed: " + e.getMessage();
            LOG.warn("BLE: {}", problem);
            return false;
        }
    }

    private void unregisterAdvertisement() {
        try {
            manager(Bluez.LEAdvertisingManager1.class)
                    .UnregisterAdvertisement(new DBusPath(advertisement.getObjectPath()));
        } catch (DBusException | DBusExecutionException e) {
            LOG.debug("BLE: unregistering the advertisement: {}", e.getMessage());
        }
        advertising = false;
    }

    private <T extends org.freedesktop.dbus.interfaces.DBusInterface> T manager(Class<T> type) throws DBusException {
        return bus.getRemoteObject(Bluez.BUS, adapter, type);
    }

    private void unregisterAll() {
        if (advertising) {
            unregisterAdvertisement();
        }
        if (registered) {
            try {
                manager(Bluez.GattManager1.class).UnregisterApplication(new DBusPath(gatt.getObjectPath()));
            } catch (DBusException | DBusExecutionException e) {
                LOG.debug("BLE: unregistering the application: {}", e.getMessage());
            }
            registered = false;
        }
    }

    @Override
    public void close() {
        try {
            calls.call(() -> {
                unregisterAll();
                return null;
            });
        } catch (IllegalStateException e) {
            LOG.debug("BLE: unregistering on close: {}", e.getMessage());
        }
        calls.close();
        try {
            if (ownerWatch != null) {
                ownerWatch.close();
            }
        } catch (Exception e) {
            LOG.debug("BLE: removing the bus watch: {}", e.getMessage());
        }
        gatt.unexportFrom(bus);
        bus.unExportObject(advertisement.getObjectPath());
    }
}
