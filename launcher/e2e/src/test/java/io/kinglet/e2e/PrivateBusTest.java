package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The D-Bus harness on its own, without the product: a GATT application exported from this JVM
 * stands in for the product's, so the bluez mock, {@link BleCentral} and the NetworkManager mock
 * are known to work before a test relies on them.
 */
class PrivateBusTest {

    private static final String APP = "/test/app";
    private static final String SERVICE_PATH = APP + "/service0";
    private static final String CHAR_PATH = SERVICE_PATH + "/char0";
    private static final String ADVERTISEMENT = "/test/advertisement";
    private static final String SERVICE_UUID = "00467768-6228-2272-4663-277478268000";
    private static final String CHAR_UUID = "00467768-6228-2272-4663-277478268001";
    private static final String NM = PrivateBus.NETWORK_MANAGER;
    private static final String ACTIVE = "org.freedesktop.NetworkManager.Connection.Active";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aCentralWritesToARegisteredApplicationAndReceivesItsNotifications() throws Exception {
        try (PrivateBus bus = PrivateBus.start(dir);
                DBusConnection product = bus.connect()) {
            bus.startBluez();
            EchoCharacteristic characteristic = new EchoCharacteristic(product);
            product.exportObject(APP, new Application());
            product.exportObject(CHAR_PATH, characteristic);
            product.exportObject(ADVERTISEMENT, new Advertisement());
            GattManager1 gatt = product.getRemoteObject(PrivateBus.BLUEZ, PrivateBus.ADAPTER, GattManager1.class);

            // like bluetoothd: an application without objects is refused, and failures can be scripted
            assertThatThrownBy(
                            () -> DBusCalls.call(product, gatt, "RegisterApplication", new DBusPath("/test"), Map.of()))
                    .isInstanceOfSatisfying(
                            DBusCalls.Failure.class,
                            e -> assertThat(e.errorName()).isEqualTo("org.bluez.Error.Failed"));
            bus.failNextBluez("RegisterApplication", "org.bluez.Error.NotReady");
            assertThatThrownBy(() -> DBusCalls.call(product, gatt, "RegisterApplication", new DBusPath(APP), Map.of()))
                    .isInstanceOfSatisfying(
                            DBusCalls.Failure.class,
                            e -> assertThat(e.errorName()).isEqualTo("org.bluez.Error.NotReady"));
            gatt.RegisterApplication(new DBusPath(APP), Map.of());
            product.getRemoteObject(PrivateBus.BLUEZ, PrivateBus.ADAPTER, LEAdvertisingManager1.class)
                    .RegisterAdvertisement(new DBusPath(ADVERTISEMENT), Map.of());

            try (BleCentral central = BleCentral.connect(bus, "aa:bb:cc:dd:ee:ff", TIMEOUT)) {
                assertThat(central.application()).isEqualTo(product.getUniqueName());
                assertThat(characteristic.notifying).isTrue();

                central.write("8001", new byte[] {1, 2, 3});
                assertThat(central.awaitNotification("8001", v -> v.length == 3, TIMEOUT))
                        .containsExactly(1, 2, 3);
                assertThat(central.read("8001")).containsExactly(1, 2, 3);
                // what bluetoothd passes: the device (per central) and the MTU
                assertThat(characteristic.options.get("device").getSig()).isEqualTo("o");
                assertThat(((DBusPath) characteristic.options.get("device").getValue()).getPath())
                        .isEqualTo("/org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF");
                assertThat(characteristic.options.get("mtu").getSig()).isEqualTo("q");
                assertThat(characteristic.options.get("mtu").getValue()).isEqualTo(new UInt16(185));

                assertThatThrownBy(() -> central.write("8001", new byte[0]))
                        .isInstanceOfSatisfying(
                                DBusCalls.Failure.class,
                                e -> assertThat(e.errorName())
                                        .isEqualTo("io.kinglet.e2e.PrivateBusTest.InvalidValueLength"));
                assertThat(central.notifications("8001")).hasSize(1);

                Map<String, Variant<?>> advertisement = central.advertisement();
                assertThat(advertisement.get("LocalName").getValue()).isEqualTo("kinglet-test");
                assertThat(advertisement.get("ServiceUUIDs").getSig()).isEqualTo("as");
            }
        }
    }

    @Test
    void restartingBluezChangesItsOwnerAndForgetsRegistrations() throws Exception {
        try (PrivateBus bus = PrivateBus.start(dir);
                DBusConnection watcher = bus.connect()) {
            bus.startBluez();
            List<DBus.NameOwnerChanged> changes = new CopyOnWriteArrayList<>();
            watcher.addSigHandler(DBus.NameOwnerChanged.class, s -> {
                if (s.name.equals(PrivateBus.BLUEZ)) {
                    changes.add(s);
                }
            });
            watcher.exportObject(APP, new Application());
            watcher.exportObject(CHAR_PATH, new EchoCharacteristic(watcher));
            watcher.getRemoteObject(PrivateBus.BLUEZ, PrivateBus.ADAPTER, GattManager1.class)
                    .RegisterApplication(new DBusPath(APP), Map.of());
            assertThat(bus.bluez().Applications()).hasSize(1);

            bus.stopBluez();
            bus.startBluez();

            await().atMost(TIMEOUT).until(() -> changes.stream().anyMatch(c -> !c.newOwner.isEmpty()));
            assertThat(changes.get(0).newOwner).isEmpty();
            assertThat(changes.get(1).oldOwner).isEmpty();
            assertThat(bus.bluez().Applications()).isEmpty();

            Properties adapter = watcher.getRemoteObject(PrivateBus.BLUEZ, PrivateBus.ADAPTER, Properties.class);
            assertThat((Boolean) adapter.Get("org.bluez.Adapter1", "Powered")).isTrue();
            bus.setAdapterPowered(false);
            assertThat((Boolean) adapter.Get("org.bluez.Adapter1", "Powered")).isFalse();
        }
    }

    @Test
    void networkManagerListsAccessPointsAndActivatesOrFailsConnections() throws Exception {
        try (PrivateBus bus = PrivateBus.start(dir);
                DBusConnection client = bus.connect()) {
            bus.startNetworkManager();
            String wifi = bus.addWifi("wlan0");
            String home = bus.addAccessPoint("HomeNet", 80, true);
            String neighbour = bus.addAccessPoint("Neighbour", 40, false);
            bus.failSsid("Neighbour");
            bus.hangSsid("Hidden");
            List<Properties.PropertiesChanged> changes = new CopyOnWriteArrayList<>();
            client.addSigHandler(Properties.PropertiesChanged.class, changes::add);

            NetworkManager nm = client.getRemoteObject(NM, "/org/freedesktop/NetworkManager", NetworkManager.class);
            assertThat(nm.GetDevices()).containsExactly(new DBusPath(wifi));
            assertThat((UInt32) property(client, wifi, "org.freedesktop.NetworkManager.Device", "DeviceType"))
                    .isEqualTo(new UInt32(2));
            Wireless wireless = client.getRemoteObject(NM, wifi, Wireless.class);
            wireless.RequestScan(Map.of());
            assertThat(wireless.GetAllAccessPoints()).containsExactly(new DBusPath(home), new DBusPath(neighbour));
            String ap = "org.freedesktop.NetworkManager.AccessPoint";
            assertThat(DBusCalls.bytes(property(client, home, ap, "Ssid"))).isEqualTo(bytes("HomeNet"));
            assertThat((Byte) property(client, home, ap, "Strength")).isEqualTo((byte) 80);
            assertThat((UInt32) property(client, home, ap, "RsnFlags")).isEqualTo(new UInt32(0x188));
            assertThat((UInt32) property(client, home, ap, "Flags")).isEqualTo(new UInt32(1));
            assertThat((UInt32) property(client, neighbour, ap, "Flags")).isEqualTo(new UInt32(0));

            Pair<DBusPath, DBusPath> ok = nm.AddAndActivateConnection(
                    wifiSettings("HomeNet", "secret123"), new DBusPath(wifi), new DBusPath(home));
            assertThat((UInt32) property(client, ok.second.getPath(), ACTIVE, "State"))
                    .isEqualTo(new UInt32(1));
            await().atMost(TIMEOUT)
                    .until(() -> property(client, ok.second.getPath(), ACTIVE, "State")
                            .equals(new UInt32(2)));
            Map<String, Map<String, Variant<?>>> stored = client.getRemoteObject(
                            NM, ok.first.getPath(), PrivateBus.SettingsConnection.class)
                    .GetSettings();
            assertThat(DBusCalls.bytes(stored.get("802-11-wireless").get("ssid").getValue()))
                    .isEqualTo(bytes("HomeNet"));
            assertThat(stored.get("802-11-wireless-security").get("psk").getValue())
                    .isEqualTo("secret123");
            assertThat(stored.get("802-11-wireless-security").get("key-mgmt").getValue())
                    .isEqualTo("wpa-psk");
            assertThat(client.getRemoteObject(NM, "/org/freedesktop/NetworkManager/Settings", PrivateBus.Settings.class)
                            .ListConnections())
                    .containsExactly(ok.first);

            // a hidden network: no access point to name
            Pair<DBusPath, DBusPath> hanging = nm.AddAndActivateConnection(
                    wifiSettings("Hidden", "secret"), new DBusPath(wifi), new DBusPath("/"));
            Pair<DBusPath, DBusPath> failing = nm.AddAndActivateConnection(
                    wifiSettings("Neighbour", "wrong"), new DBusPath(wifi), new DBusPath(neighbour));
            // followed by the signal, as a product following PropertiesChanged sees it
            await().atMost(TIMEOUT)
                    .until(() -> changes.stream()
                            .anyMatch(c -> c.getPath().equals(failing.second.getPath())
                                    && new UInt32(4)
                                            .equals(c.getPropertiesChanged()
                                                    .get("State")
                                                    .getValue())));
            assertThat((UInt32) property(client, hanging.second.getPath(), ACTIVE, "State"))
                    .isEqualTo(new UInt32(1));
        }
    }

    private static Object property(DBusConnection connection, String path, String iface, String name)
            throws DBusException {
        return connection.getRemoteObject(NM, path, Properties.class).Get(iface, name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What a provisioner sends AddAndActivateConnection for a WPA-PSK network. */
    private static Map<String, Map<String, Variant<?>>> wifiSettings(String ssid, String psk) {
        return Map.of(
                "802-11-wireless",
                Map.of("ssid", new Variant<>(bytes(ssid)), "mode", new Variant<>("infrastructure")),
                "802-11-wireless-security",
                Map.of("key-mgmt", new Variant<>("wpa-psk"), "psk", new Variant<>(psk)));
    }

    /** The product's GATT application cut down to one service with one characteristic. */
    public static final class Application implements ObjectManager {
        @Override
        public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
            return Map.of(
                    new DBusPath(SERVICE_PATH),
                    Map.of(
                            BleCentral.SERVICE,
                            Map.of("UUID", new Variant<>(SERVICE_UUID), "Primary", new Variant<>(true))),
                    new DBusPath(CHAR_PATH),
                    Map.of(
                            BleCentral.CHARACTERISTIC,
                            Map.of(
                                    "UUID", new Variant<>(CHAR_UUID),
                                    "Service", new Variant<>(new DBusPath(SERVICE_PATH)),
                                    "Flags", new Variant<>(new String[] {"read", "write", "notify"}),
                                    "Value", new Variant<>(new byte[0]))));
        }

        @Override
        public String getObjectPath() {
            return APP;
        }
    }

    /** Keeps what is written and, once notifying, notifies it. */
    public static final class EchoCharacteristic implements BleCentral.GattCharacteristic1 {
        private final DBusConnection connection;
        volatile byte[] value = new byte[0];
        volatile boolean notifying;
        volatile Map<String, Variant<?>> options;

        EchoCharacteristic(DBusConnection connection) {
            this.connection = connection;
        }

        @Override
        public byte[] ReadValue(Map<String, Variant<?>> options) {
            this.options = options;
            return value;
        }

        @Override
        public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
            if (value.length == 0) {
                throw new InvalidValueLength();
            }
            this.options = options;
            this.value = value;
            if (notifying) {
                try {
                    connection.sendMessage(new Properties.PropertiesChanged(
                            CHAR_PATH, BleCentral.CHARACTERISTIC, Map.of("Value", new Variant<>(value)), List.of()));
                } catch (DBusException e) {
                    throw new DBusExecutionException(e.getMessage(), e);
                }
            }
        }

        @Override
        public void StartNotify() {
            notifying = true;
        }

        @Override
        public String getObjectPath() {
            return CHAR_PATH;
        }
    }

    /** dbus-java names the D-Bus error after the exception's class: ...PrivateBusTest.InvalidValueLength. */
    public static final class InvalidValueLength extends DBusExecutionException {
        public InvalidValueLength() {
            super("a value must not be empty");
        }
    }

    public static final class Advertisement implements LEAdvertisement1, Properties {
        @Override
        public Map<String, Variant<?>> GetAll(String iface) {
            return Map.of(
                    "Type", new Variant<>("peripheral"),
                    "LocalName", new Variant<>("kinglet-test"),
                    "ServiceUUIDs", new Variant<>(new String[] {SERVICE_UUID}));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String iface, String name) {
            return (A) GetAll(iface).get(name).getValue();
        }

        @Override
        public <A> void Set(String iface, String name, A value) {
            throw new DBusExecutionException("read-only");
        }

        @Override
        public void Release() {}

        @Override
        public String getObjectPath() {
            return ADVERTISEMENT;
        }
    }

    @DBusInterfaceName("org.bluez.LEAdvertisement1")
    public interface LEAdvertisement1 extends DBusInterface {
        void Release();
    }

    @DBusInterfaceName("org.bluez.GattManager1")
    public interface GattManager1 extends DBusInterface {
        void RegisterApplication(DBusPath application, Map<String, Variant<?>> options);
    }

    @DBusInterfaceName("org.bluez.LEAdvertisingManager1")
    public interface LEAdvertisingManager1 extends DBusInterface {
        void RegisterAdvertisement(DBusPath advertisement, Map<String, Variant<?>> options);
    }

    @DBusInterfaceName("org.freedesktop.NetworkManager")
    public interface NetworkManager extends DBusInterface {
        List<DBusPath> GetDevices();

        Pair<DBusPath, DBusPath> AddAndActivateConnection(
                Map<String, Map<String, Variant<?>>> connection, DBusPath device, DBusPath specificObject);
    }

    @DBusInterfaceName("org.freedesktop.NetworkManager.Device.Wireless")
    public interface Wireless extends DBusInterface {
        void RequestScan(Map<String, Variant<?>> options);

        List<DBusPath> GetAllAccessPoints();
    }

    /** Two return values; dbus-java reads their types from the type arguments, so it must be generic. */
    public static final class Pair<A, B> extends Tuple {
        @Position(0)
        public final A first;

        @Position(1)
        public final B second;

        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }
    }
}
