package io.kinglet.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * A phone connected over BLE, as the product's GATT application sees one: it calls the
 * characteristics the way bluetoothd relays a central's requests (ReadValue and WriteValue with
 * bluetoothd's options, StartNotify on subscribing) and records the notifications, which a GATT
 * application sends as PropertiesChanged of {@code Value}. It finds the application through the
 * bluez mock's registrations, so it connects only once the product has registered. Calls come
 * from this connection's own unique name, not from the owner of {@code org.bluez}.
 *
 * <p>Characteristics are named by their UUID's end, e.g. {@code "8002"}.
 */
public final class BleCentral implements AutoCloseable {

    public static final String SERVICE = "org.bluez.GattService1";
    public static final String CHARACTERISTIC = "org.bluez.GattCharacteristic1";
    /** The ATT MTU bluetoothd reports for this central. */
    public static final int MTU = 185;

    /**
     * One notification: when it arrived (milliseconds since the epoch, and {@link System#nanoTime()}
     * for measuring intervals) and the value.
     */
    public record Notification(long atMillis, long atNanos, byte[] value) {}

    private final PrivateBus bus;
    private final DBusConnection connection;
    private final String device;
    private final String application;
    /** Characteristic object path by UUID (lower case). */
    private final Map<String, String> characteristics;

    private final Map<String, List<Notification>> notifications = new ConcurrentHashMap<>();

    private BleCentral(PrivateBus bus, DBusConnection connection, String device, PrivateBus.Registration app)
            throws DBusException {
        this.bus = bus;
        this.connection = connection;
        this.device = device;
        this.application = app.sender;
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = connection
                .getRemoteObject(app.sender, app.path.getPath(), ObjectManager.class)
                .GetManagedObjects();
        Map<String, String> found = new HashMap<>();
        objects.forEach((path, interfaces) -> {
            Map<String, Variant<?>> properties = interfaces.get(CHARACTERISTIC);
            if (properties != null) {
                found.put(((String) properties.get("UUID").getValue()).toLowerCase(), path.getPath());
            }
        });
        characteristics = Map.copyOf(found);
        // subscribe before StartNotify: a value sent right on subscribing is not missed
        connection.addSigHandler(Properties.PropertiesChanged.class, app.sender, this::changed);
        objects.forEach((path, interfaces) -> {
            Map<String, Variant<?>> properties = interfaces.get(CHARACTERISTIC);
            if (properties != null && notifies(properties)) {
                characteristic(path.getPath()).StartNotify();
            }
        });
    }

    /**
     * Waits up to {@code timeout} for a GATT application to be registered with the bluez mock, then
     * connects to the latest registered as the central with Bluetooth address {@code address}: the
     * product sees it as device {@code /org/bluez/hci0/dev_AA_BB_...} in each call's options, so
     * centrals with different addresses are different connections to it. It subscribes to every
     * characteristic that notifies or indicates.
     */
    public static BleCentral connect(PrivateBus bus, String address, Duration timeout) throws IOException {
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !bus.bluez().Applications().isEmpty());
        List<PrivateBus.Registration> apps = bus.bluez().Applications();
        DBusConnection connection = bus.connect();
        try {
            return new BleCentral(
                    bus,
                    connection,
                    PrivateBus.ADAPTER + "/dev_" + address.toUpperCase().replace(':', '_'),
                    apps.getLast());
        } catch (DBusException | RuntimeException e) {
            connection.close();
            throw new IOException("cannot reach the GATT application " + apps.getLast().path + ": " + e, e);
        }
    }

    /** The unique bus name of the application's owner: the product's connection. */
    public String application() {
        return application;
    }

    /**
     * Writes {@code value} with a write request, as bluetoothd passes a central's write on.
     *
     * @throws DBusCalls.Failure when the application answers with a D-Bus error
     */
    public void write(String uuidSuffix, byte[] value) {
        Map<String, Variant<?>> options = options();
        options.put("type", new Variant<>("request"));
        DBusCalls.call(connection, characteristic(path(uuidSuffix)), "WriteValue", value, options);
    }

    /** @throws DBusCalls.Failure when the application answers with a D-Bus error */
    public byte[] read(String uuidSuffix) {
        return DBusCalls.bytes(DBusCalls.call(connection, characteristic(path(uuidSuffix)), "ReadValue", options()));
    }

    /** The notifications of one characteristic so far, in order of arrival. */
    public List<Notification> notifications(String uuidSuffix) {
        return List.copyOf(notifications.getOrDefault(uuid(uuidSuffix), List.of()));
    }

    /**
     * Waits for a notification of the characteristic matching {@code condition}, including those
     * already received; returns its value.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when none comes within {@code timeout}
     */
    public byte[] awaitNotification(String uuidSuffix, Predicate<byte[]> condition, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> notifications(uuidSuffix).stream()
                                .map(Notification::value)
                                .filter(condition)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /**
     * The latest registered advertisement's org.bluez.LEAdvertisement1 properties, as the bluez mock
     * read them when it was registered.
     *
     * @throws IllegalStateException when none is registered (yet)
     */
    public Map<String, Variant<?>> advertisement() {
        List<PrivateBus.Registration> ads = bus.bluez().Advertisements();
        if (ads.isEmpty()) {
            throw new IllegalStateException("no advertisement is registered");
        }
        return bus.bluez().AdvertisementProperties(ads.size() - 1);
    }

    private void changed(Properties.PropertiesChanged signal) {
        Variant<?> value = signal.getPropertiesChanged().get("Value");
        if (!CHARACTERISTIC.equals(signal.getInterfaceName()) || value == null) {
            return;
        }
        characteristics.forEach((uuid, path) -> {
            if (path.equals(signal.getPath())) {
                notifications
                        .computeIfAbsent(uuid, u -> new CopyOnWriteArrayList<>())
                        .add(new Notification(
                                System.currentTimeMillis(), System.nanoTime(), DBusCalls.bytes(value.getValue())));
            }
        });
    }

    /** The options bluetoothd passes with every read and write. */
    private Map<String, Variant<?>> options() {
        Map<String, Variant<?>> options = new HashMap<>();
        options.put("device", new Variant<>(new DBusPath(device)));
        options.put("mtu", new Variant<>(new UInt16(MTU)));
        options.put("offset", new Variant<>(new UInt16(0)));
        options.put("link", new Variant<>("LE"));
        return options;
    }

    private static boolean notifies(Map<String, Variant<?>> properties) {
        Object flags = properties.get("Flags").getValue();
        List<?> list = flags instanceof Object[] array ? List.of(array) : (List<?>) flags;
        return list.contains("notify") || list.contains("indicate");
    }

    private String uuid(String suffix) {
        String lower = suffix.toLowerCase();
        List<String> matching =
                characteristics.keySet().stream().filter(u -> u.endsWith(lower)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException(
                    "characteristics ending " + suffix + ": " + matching + " of " + characteristics.keySet());
        }
        return matching.get(0);
    }

    private String path(String uuidSuffix) {
        return characteristics.get(uuid(uuidSuffix));
    }

    private GattCharacteristic1 characteristic(String path) {
        try {
            return connection.getRemoteObject(application, path, GattCharacteristic1.class);
        } catch (DBusException e) {
            throw new DBusExecutionException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** The characteristic methods bluetoothd calls on a GATT application. */
    @DBusInterfaceName(CHARACTERISTIC)
    public interface GattCharacteristic1 extends DBusInterface {
        byte[] ReadValue(Map<String, Variant<?>> options);

        void WriteValue(byte[] value, Map<String, Variant<?>> options);

        void StartNotify();
    }
}
