package io.kinglet.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A private D-Bus daemon in a test's directory, listening on {@code unix:path=DIR/bus} (the
 * product's dbus-java transport cannot use abstract sockets), with python-dbusmock standing in for
 * bluetoothd ({@code dbusmock/kinglet_bluez.py}) and NetworkManager
 * ({@code dbusmock/kinglet_networkmanager.py}). The mocks are system-bus services pointed at this
 * bus, so the product is given {@link #address()} for the system bus. Each process logs to a file
 * in the directory; {@link #close()} ends them all, as does the JVM's exit if a test never closes.
 */
public final class PrivateBus implements AutoCloseable {

    public static final String BLUEZ = "org.bluez";
    public static final String NETWORK_MANAGER = "org.freedesktop.NetworkManager";
    /** The mock's only adapter: where GattManager1, LEAdvertisingManager1 and the test interface live. */
    public static final String ADAPTER = "/org/bluez/hci0";
    /** The NetworkManager mock's main object: its org.freedesktop.DBus.Mock and test interfaces. */
    public static final String NETWORK_MANAGER_MOCK = "/org/freedesktop";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** NM80211ApSecurityFlags of a WPA2-Personal access point: pairwise and group CCMP, key management PSK. */
    private static final long SECURITY_WPA2_PSK = 0x188;

    private final Path dir;
    private final Process daemon;
    private final String address;
    private final DBusConnection connection;
    private final List<Process> processes = new ArrayList<>();
    private final Thread onExit = new Thread(this::destroyAll, "private-bus-exit");
    private Process bluez;
    private Process networkManager;
    private String wifiDevice;
    private int accessPoints;

    private PrivateBus(Path dir, Process daemon, String address) throws IOException {
        this.dir = dir;
        this.daemon = daemon;
        this.address = address;
        processes.add(daemon);
        Runtime.getRuntime().addShutdownHook(onExit);
        connection = open(address);
    }

    /** Starts {@code dbus-daemon} with its socket, config and log in {@code dir}. */
    public static PrivateBus start(Path dir) throws IOException {
        Path socket = dir.toAbsolutePath().resolve("bus");
        if (socket.toString().length() > 100) { // sun_path holds 108 bytes
            throw new IOException("the bus socket path is too long for a unix socket: " + socket);
        }
        Path config = dir.resolve("bus.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"",
                        " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">",
                        "<busconfig>",
                        "  <type>session</type>",
                        "  <listen>unix:path=" + socket + "</listen>",
                        "  <auth>EXTERNAL</auth>",
                        "  <policy context=\"default\">",
                        "    <allow send_destination=\"*\" eavesdrop=\"true\"/>",
                        "    <allow eavesdrop=\"true\"/>",
                        "    <allow own=\"*\"/>",
                        "  </policy>",
                        "</busconfig>",
                        ""));
        Path log = dir.resolve("dbus-daemon.log");
        Process daemon = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // printed once it listens; a daemon that cannot start exits, ending the stream
        BufferedReader out = daemon.inputReader(StandardCharsets.UTF_8);
        String address = out.readLine();
        if (address == null || !address.startsWith("unix:path=")) {
            daemon.destroyForcibly();
            throw new IOException("dbus-daemon did not start (printed " + address + "):\n" + tail(log));
        }
        try {
            return new PrivateBus(dir, daemon, address);
        } catch (IOException e) {
            daemon.destroyForcibly();
            throw e;
        }
    }

    /** The bus address, e.g. {@code unix:path=/tmp/x/bus,guid=...}: the product's system bus. */
    public String address() {
        return address;
    }

    public Path dir() {
        return dir;
    }

    /** A new connection of its own (not shared with other connections to this bus); the caller closes it. */
    public DBusConnection connect() throws IOException {
        return open(address);
    }

    /** Starts the bluetoothd mock and waits until {@value #BLUEZ} answers on the bus. */
    public void startBluez() throws IOException {
        bluez = startMock("kinglet_bluez.py", BLUEZ, ADAPTER, "org.bluez.Adapter1");
    }

    /**
     * Stops the bluetoothd mock (SIGTERM ends it at once, its registrations with it, as when
     * bluetoothd restarts) and waits until its name has no owner.
     */
    public void stopBluez() throws InterruptedException {
        stop(bluez);
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> !bus().NameHasOwner(BLUEZ));
    }

    /** Starts the NetworkManager mock (no devices yet) and waits until it answers on the bus. */
    public void startNetworkManager() throws IOException {
        networkManager = startMock(
                "kinglet_networkmanager.py", NETWORK_MANAGER, "/org/freedesktop/NetworkManager", NETWORK_MANAGER);
        wifiDevice = null;
        accessPoints = 0;
    }

    /** Adds a disconnected Wi-Fi device (DeviceType 2) named {@code iface}; returns its object path. */
    public String addWifi(String iface) {
        wifiDevice = remote(NETWORK_MANAGER, NETWORK_MANAGER_MOCK, DBusMock.class)
                .AddWiFiDevice(iface, iface, 30); // NMDeviceState DISCONNECTED
        return wifiDevice;
    }

    /**
     * Adds an access point to the Wi-Fi device of {@link #addWifi}; returns its object path.
     * Secured means WPA2-PSK: Flags 1 (privacy), and WpaFlags and RsnFlags both 0x188 (the mock sets
     * both alike); open means all three 0.
     */
    public String addAccessPoint(String ssid, int strength, boolean secured) {
        if (wifiDevice == null) {
            throw new IllegalStateException("addWifi first");
        }
        int n = accessPoints++;
        return remote(NETWORK_MANAGER, NETWORK_MANAGER_MOCK, DBusMock.class)
                .AddAccessPoint(
                        wifiDevice,
                        "ap" + n,
                        ssid,
                        String.format("02:00:00:00:00:%02X", n),
                        new UInt32(2), // infrastructure
                        new UInt32(2437),
                        new UInt32(54_000),
                        (byte) strength,
                        new UInt32(secured ? SECURITY_WPA2_PSK : 0));
    }

    /** Activating {@code ssid} from now on goes activating, then deactivated (a wrong password). */
    public void failSsid(String ssid) {
        remote(NETWORK_MANAGER, NETWORK_MANAGER_MOCK, MockNetworkManager.class).FailSsid(ssid);
    }

    /** How long activating a connection takes from now on (200 ms at first). */
    public void setActivationDelay(Duration delay) {
        remote(NETWORK_MANAGER, NETWORK_MANAGER_MOCK, MockNetworkManager.class)
                .SetActivationDelay(new UInt32(delay.toMillis()));
    }

    /** Activating {@code ssid} from now on stays activating for good. */
    public void hangSsid(String ssid) {
        remote(NETWORK_MANAGER, NETWORK_MANAGER_MOCK, MockNetworkManager.class).HangSsid(ssid);
    }

    /** Sets Adapter1.Powered, emitting PropertiesChanged as bluetoothd does. */
    public void setAdapterPowered(boolean powered) {
        remote(BLUEZ, ADAPTER, DBusMock.class)
                .UpdateProperties("org.bluez.Adapter1", Map.of("Powered", new Variant<>(powered)));
    }

    /**
     * Makes the next call of {@code method} (RegisterApplication, RegisterAdvertisement or their
     * Unregister counterparts) fail with the D-Bus error {@code errorName}, e.g. org.bluez.Error.Failed.
     */
    public void failNextBluez(String method, String errorName) {
        bluez().FailNext(method, errorName);
    }

    /**
     * The connection profiles NetworkManager has saved, as {@code GetSettings} returns them (the mock,
     * unlike NetworkManager, includes the secrets): {@code 802-11-wireless.ssid} (bytes, read with
     * {@link DBusCalls#bytes}), {@code 802-11-wireless-security.psk} and {@code key-mgmt}.
     */
    public List<Map<String, Map<String, Variant<?>>>> savedConnections() {
        return remote(NETWORK_MANAGER, "/org/freedesktop/NetworkManager/Settings", Settings.class)
                .ListConnections()
                .stream()
                .map(path -> remote(NETWORK_MANAGER, path.getPath(), SettingsConnection.class)
                        .GetSettings())
                .toList();
    }

    /** The bluetoothd mock's test interface. */
    MockBluez bluez() {
        return remote(BLUEZ, ADAPTER, MockBluez.class);
    }

    private DBus bus() {
        return remote("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
    }

    private <T extends DBusInterface> T remote(String busName, String path, Class<T> type) {
        try {
            return connection.getRemoteObject(busName, path, type);
        } catch (DBusException e) {
            throw new DBusExecutionException(e.getMessage(), e);
        }
    }

    private Process startMock(String template, String busName, String probePath, String probeInterface)
            throws IOException {
        Path script = dir.resolve(template);
        try (InputStream in = PrivateBus.class.getResourceAsStream("/dbusmock/" + template)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = dir.resolve(template.replace(".py", ".log"));
        // Debian's python has the dbus and gi modules; a python3 first on PATH may not
        ProcessBuilder builder = new ProcessBuilder(
                        "/usr/bin/python3", "-m", "dbusmock", "--template", script.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", address);
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        Process process = builder.start();
        processes.add(process);
        try {
            await().atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || bus().NameHasOwner(busName));
            // the name is taken before the template loads; a call is answered only after it loaded
            remote(busName, probePath, Properties.class).GetAll(probeInterface);
        } catch (ConditionTimeoutException | DBusExecutionException e) {
            process.destroyForcibly();
            throw new IOException(
                    template + " did not come up on the private bus: " + e.getMessage() + "\n" + tail(log), e);
        }
        return process;
    }

    private static DBusConnection open(String address) throws IOException {
        try {
            return DBusConnectionBuilder.forAddress(address).withShared(false).build();
        } catch (DBusException e) {
            throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void destroyAll() {
        processes.forEach(Process::destroy);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        connection.close();
        stop(networkManager);
        stop(bluez);
        stop(daemon);
        destroyAll(); // mocks stopped before and restarted since
        Runtime.getRuntime().removeShutdownHook(onExit);
    }

    /** The bluetoothd mock's test interface (see kinglet_bluez.py). */
    @DBusInterfaceName("io.kinglet.test.MockBluez")
    public interface MockBluez extends DBusInterface {
        List<Registration> Applications();

        List<Registration> Advertisements();

        /** The advertisement's org.bluez.LEAdvertisement1 properties as read when it was registered. */
        Map<String, Variant<?>> AdvertisementProperties(int index);

        void FailNext(String method, String errorName);
    }

    /** dbusmock's control interface, with the NetworkManager template's additions. */
    @DBusInterfaceName("org.freedesktop.DBus.Mock")
    public interface DBusMock extends DBusInterface {
        String AddWiFiDevice(String deviceName, String iface, int state);

        String AddAccessPoint(
                String device,
                String name,
                String ssid,
                String hwAddress,
                UInt32 mode,
                UInt32 frequency,
                UInt32 rate,
                byte strength,
                UInt32 security);

        void UpdateProperties(String iface, Map<String, Variant<?>> properties);
    }

    @DBusInterfaceName("org.freedesktop.NetworkManager.Settings")
    public interface Settings extends DBusInterface {
        List<DBusPath> ListConnections();
    }

    @DBusInterfaceName("org.freedesktop.NetworkManager.Settings.Connection")
    public interface SettingsConnection extends DBusInterface {
        Map<String, Map<String, Variant<?>>> GetSettings();
    }

    /** The NetworkManager mock's failure scripting (see kinglet_networkmanager.py). */
    @DBusInterfaceName("io.kinglet.test.MockNetworkManager")
    public interface MockNetworkManager extends DBusInterface {
        void FailSsid(String ssid);

        void SetActivationDelay(UInt32 milliseconds);

        void HangSsid(String ssid);
    }

    /** A registration as bluetoothd keeps it: the caller's unique name and the object it named. */
    public static final class Registration extends Struct {
        @Position(0)
        public final String sender;

        @Position(1)
        public final DBusPath path;

        public Registration(String sender, DBusPath path) {
            this.sender = sender;
            this.path = path;
        }
    }
}
