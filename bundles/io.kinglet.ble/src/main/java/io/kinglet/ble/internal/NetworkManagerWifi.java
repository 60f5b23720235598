package io.kinglet.ble.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wi-Fi through NetworkManager: access points of the wireless device for a scan, and credentials
 * applied with {@code AddAndActivateConnection} (WPA-PSK, or open; hidden when the SSID is not in
 * range), then the activation followed until it is up, has failed, or the time is out. A profile that
 * did not connect is deleted, so a wrong passphrase leaves nothing behind. NetworkManager keeps the
 * credentials of one that did; Kinglet keeps none.
 */
final class NetworkManagerWifi implements WifiBackend {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkManagerWifi.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final DBusConnection bus;
    /** The interface to use (e.g. wlan0), or blank for the first Wi-Fi device. */
    private final String interfaceName;

    NetworkManagerWifi(DBusConnection bus, String interfaceName) {
        this.bus = bus;
        this.interfaceName = interfaceName;
    }

    /** Empty when NetworkManager answers and has the Wi-Fi device, else what is wrong. */
    Optional<String> problem() {
        try {
            wifiDevice();
            return Optional.empty();
        } catch (WifiException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public List<Network> scan() throws WifiException {
        DBusPath device = wifiDevice();
        try {
            NetworkManager.Wireless wireless = remote(device.getPath(), NetworkManager.Wireless.class);
            try {
                wireless.RequestScan(Map.of());
            } catch (DBusExecutionException e) {
                // refused while a scan runs or right after one: the list NetworkManager has is recent
                LOG.debug("BLE: NetworkManager declined a new scan: {}", e.getMessage());
            }
            Map<String, Network> strongest = new LinkedHashMap<>();
            for (DBusPath ap : wireless.GetAllAccessPoints()) {
                Network network = network(ap);
                if (!network.ssid().isEmpty()) {
                    strongest.merge(network.ssid(), network, (a, b) -> a.rssi() >= b.rssi() ? a : b);
                }
            }
            return strongest.values().stream()
                    .sorted(Comparator.comparingInt(Network::rssi).reversed())
                    .toList();
        } catch (DBusException | DBusExecutionException e) {
            throw new WifiException("scanning through NetworkManager failed: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> connect(RpcCommand.WifiSettings settings, Duration timeout) throws WifiException {
        DBusPath device = wifiDevice();
        String ssid = settings.ssidText();
        NetworkManager.Added<DBusPath, DBusPath> added;
        try {
            Optional<DBusPath> inRange = accessPoint(device, settings.ssid());
            added = remote(NetworkManager.PATH, NetworkManager.Manager.class)
                    .AddAndActivateConnection(
                            profile(settings, inRange.isEmpty()), device, inRange.orElse(new DBusPath("/")));
        } catch (DBusException | DBusExecutionException e) {
            throw new WifiException("NetworkManager refused the connection to \"" + ssid + "\": " + e.getMessage());
        }
        String active = added.activeConnection.getPath();
        Semaphore changed = new Semaphore(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        // woken by NetworkManager's PropertiesChanged on the activation, read after subscribing so no
        // change is missed, and read again at a slow pace in case a signal is
        try (AutoCloseable watch = bus.addSigHandler(Properties.PropertiesChanged.class, signal -> {
            if (active.equals(signal.getPath())) {
                changed.release();
            }
        })) {
            while (true) {
                long state = number(property(active, NetworkManager.ACTIVE, "State"));
                if (state == NetworkManager.ACTIVATED) {
                    return address(added.activeConnection);
                }
                if (state == NetworkManager.DEACTIVATED) {
                    throw failed(added, "\"" + ssid + "\" did not connect (wrong passphrase or out of range)");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw failed(added, "\"" + ssid + "\" was not connected after " + timeout.toSeconds() + " s");
                }
                if (changed.tryAcquire(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS)) {
                    changed.drainPermits();
                }
            }
        } catch (WifiException e) {
            throw e;
        } catch (Exception e) {
            throw failed(added, "following the connection to \"" + ssid + "\" failed: " + e.getMessage());
        }
    }

    private static Map<String, Map<String, Variant<?>>> profile(RpcCommand.WifiSettings settings, boolean hidden) {
        Map<String, Map<String, Variant<?>>> profile = new LinkedHashMap<>();
        profile.put(
                "connection",
                Map.of("id", new Variant<>(settings.ssidText()), "type", new Variant<>("802-11-wireless")));
        profile.put(
                "802-11-wireless",
                Map.of(
                        "ssid", new Variant<>(settings.ssid()),
                        "mode", new Variant<>("infrastructure"),
                        "hidden", new Variant<>(hidden)));
        if (!settings.open()) {
            profile.put(
                    "802-11-wireless-security",
                    Map.of("key-mgmt", new Variant<>("wpa-psk"), "psk", new Variant<>(settings.passphrase())));
        }
        return profile;
    }

    private WifiException failed(NetworkManager.Added<DBusPath, DBusPath> added, String reason) {
        try {
            remote(added.path.getPath(), NetworkManager.SettingsConnection.class)
                    .Delete();
        } catch (DBusException | DBusExecutionException e) {
            LOG.debug("BLE: deleting the failed profile {}: {}", added.path, e.getMessage());
        }
        return new WifiException(reason);
    }

    private DBusPath wifiDevice() throws WifiException {
        try {
            for (DBusPath device :
                    remote(NetworkManager.PATH, NetworkManager.Manager.class).GetDevices()) {
                if (number(property(device.getPath(), NetworkManager.DEVICE, "DeviceType"))
                                == NetworkManager.DEVICE_TYPE_WIFI
                        && (interfaceName.isBlank()
                                || interfaceName.equals(
                                        property(device.getPath(), NetworkManager.DEVICE, "Interface")))) {
                    return device;
                }
            }
        } catch (DBusException | DBusExecutionException e) {
            throw new WifiException("NetworkManager does not answer on the bus: " + e.getMessage());
        }
        throw new WifiException(
                interfaceName.isBlank()
                        ? "NetworkManager has no Wi-Fi device"
                        : "NetworkManager has no Wi-Fi device " + interfaceName);
    }

    private Optional<DBusPath> accessPoint(DBusPath device, byte[] ssid) throws DBusException {
        for (DBusPath ap :
                remote(device.getPath(), NetworkManager.Wireless.class).GetAllAccessPoints()) {
            if (Arrays.equals(ssid, bytes(property(ap.getPath(), NetworkManager.ACCESS_POINT, "Ssid")))) {
                return Optional.of(ap);
            }
        }
        return Optional.empty();
    }

    /** One access point, its properties read in one call. */
    private Network network(DBusPath ap) throws DBusException {
        Map<String, Variant<?>> p = remote(ap.getPath(), Properties.class).GetAll(NetworkManager.ACCESS_POINT);
        String ssid = new String(bytes(value(p, "Ssid")), StandardCharsets.UTF_8);
        // NetworkManager reports strength as 0-100 % over -100 to -40 dBm; Improv wants dBm
        int rssi = -100 + (int) number(value(p, "Strength")) * 60 / 100;
        String auth;
        if (number(value(p, "RsnFlags")) != 0) {
            auth = "WPA2";
        } else if (number(value(p, "WpaFlags")) != 0) {
            auth = "WPA";
        } else if ((number(value(p, "Flags")) & 1) != 0) {
            auth = "WEP";
        } else {
            auth = "NO";
        }
        return new Network(ssid, rssi, auth);
    }

    private static Object value(Map<String, Variant<?>> properties, String name) {
        Variant<?> value = properties.get(name);
        return value == null ? null : value.getValue();
    }

    private Optional<String> address(DBusPath active) {
        try {
            Object config = property(active.getPath(), NetworkManager.ACTIVE, "Ip4Config");
            if (config instanceof DBusPath path && !"/".equals(path.getPath())) {
                Object data = property(path.getPath(), NetworkManager.IP4_CONFIG, "AddressData");
                if (data instanceof List<?> list
                        && !list.isEmpty()
                        && list.get(0) instanceof Map<?, ?> first
                        && first.get("address") instanceof Variant<?> address) {
                    return Optional.of(address.getValue().toString());
                }
            }
        } catch (DBusException | DBusExecutionException e) {
            LOG.debug("BLE: reading the new IPv4 address: {}", e.getMessage());
        }
        return Optional.empty();
    }

    private Object property(String path, String iface, String name) throws DBusException {
        Object value = remote(path, Properties.class).Get(iface, name);
        return value instanceof Variant<?> v ? v.getValue() : value;
    }

    /** An {@code ay} read through Properties: dbus-java hands it over as a list of bytes. */
    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        List<?> list = value instanceof List<?> l ? l : List.of();
        byte[] array = new byte[list.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = ((Number) list.get(i)).byteValue();
        }
        return array;
    }

    /** A numeric property; 0 (NetworkManager's "unknown" and "none") when missing. */
    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private <T extends org.freedesktop.dbus.interfaces.DBusInterface> T remote(String path, Class<T> type)
            throws DBusException {
        return bus.getRemoteObject(NetworkManager.BUS, path, type);
    }
}
