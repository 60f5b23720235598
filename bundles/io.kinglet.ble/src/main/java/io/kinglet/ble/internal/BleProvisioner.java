package io.kinglet.ble.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BLE Wi-Fi provisioner: the Improv service on BlueZ, Wi-Fi through NetworkManager, states as
 * Event Admin events {@code io/kinglet/ble/<STATE>} (and {@code IDENTIFY}), and physical presence taken
 * from the configured event topics (the Sense HAT joystick's ENTER by default).
 */
@Component(
        service = {BleProvisioner.class, EventHandler.class},
        immediate = true,
        configurationPid = BleProvisioner.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BleConfiguration.class)
public class BleProvisioner implements EventHandler, Provisioner.Output {

    static final String PID = "io.kinglet.ble";
    static final String IDENTIFY_TOPIC = ImprovState.TOPIC_PREFIX + "IDENTIFY";
    private static final String ROOT = "/io/kinglet/ble";
    private static final Logger LOG = LoggerFactory.getLogger(BleProvisioner.class);

    private final EventAdmin events;
    private final boolean keepAdvertising;
    private final String adapter;
    private final BleStats stats = new BleStats();
    private final DBusConnection bus;
    private final NetworkManagerWifi wifi;
    private final Provisioner provisioner;
    private final ImprovGatt gatt;
    private final ImprovAdvertisement advertisement;
    private final BluezLink link;
    private final Optional<PresenceButton> button;

    @Activate
    public BleProvisioner(BleConfiguration config, BundleContext context, @Reference EventAdmin events)
            throws DBusException {
        this.events = events;
        this.keepAdvertising = config.keepAdvertising();
        this.adapter = config.adapter();
        this.bus = connect(config.dbusAddress());
        this.wifi = new NetworkManagerWifi(bus, config.wifiInterface());
        String hostname = hostname();
        String version = context.getBundle().getVersion().toString();
        this.provisioner = new Provisioner(
                new Provisioner.Settings(
                        !"none".equals(config.authorization()),
                        Duration.ofSeconds(config.authorizationSeconds()),
                        Duration.ofSeconds(config.connectTimeoutSeconds()),
                        new Connections.Limits(config.writesPerSecond(), Duration.ofSeconds(1)),
                        List.of("Kinglet", version, hardware(), config.deviceName()),
                        new RedirectUrl(
                                config.redirectUrl(),
                                hostname,
                                Optional.ofNullable(context.getProperty("org.osgi.service.http.port"))
                                        .orElse("8080"))),
                wifi,
                this,
                stats);
        this.gatt = new ImprovGatt(ROOT, provisioner::write);
        this.advertisement = new ImprovAdvertisement(ROOT + "/advertisement0", config.deviceName(), this::released);
        this.link = new BluezLink(bus, adapter, gatt, advertisement);
        this.button = PresenceButton.open(
                config.button(),
                config.buttonKey(),
                Path.of(config.sysfsRoot()),
                Path.of(config.devRoot()),
                provisioner::authorize);
        gatt.capabilities.set(new byte[] {Provisioner.CAPABILITIES});
        provisioner.begin();
        link.start(true);
        LOG.info(
                "BLE: Improv Wi-Fi provisioner started as \"{}\" on {} (authorization: {})",
                config.deviceName(),
                adapter,
                config.authorization());
    }

    private static DBusConnection connect(String address) throws DBusException {
        DBusConnectionBuilder builder =
                address.isBlank() ? DBusConnectionBuilder.forSystemBus() : DBusConnectionBuilder.forAddress(address);
        // a few threads are plenty for one GATT service; dbus-java's defaults are sized for servers
        return builder.withShared(false)
                .receivingThreadConfig()
                .withSignalThreadCount(1)
                .withMethodCallThreadCount(2)
                .withMethodReturnThreadCount(1)
                .withErrorHandlerThreadCount(1)
                .connectionConfig()
                .build();
    }

    @Override
    public void handleEvent(Event event) {
        provisioner.authorize(event.getTopic());
    }

    @Override
    public void state(ImprovState state) {
        gatt.state.set(new byte[] {state.code});
        advertisement.show(state, Provisioner.CAPABILITIES);
        events.postEvent(new Event(state.topic(), Map.of("state", state.name())));
        LOG.info("BLE: state {}", state.name().toLowerCase().replace('_', ' '));
        if (state == ImprovState.PROVISIONED && !keepAdvertising) {
            link.advertise(false);
        } else {
            link.refreshAdvertisement();
        }
    }

    @Override
    public void error(ImprovError error) {
        gatt.error.set(new byte[] {error.code});
    }

    @Override
    public void result(byte[] packet) {
        gatt.rpcResult.set(packet);
    }

    @Override
    public void identify() {
        LOG.info("BLE: identify asked by a client");
        events.postEvent(new Event(IDENTIFY_TOPIC, Map.of()));
    }

    void authorize(String by) {
        provisioner.authorize(by);
    }

    /** Registers and advertises again, from the initial state. */
    void start() {
        provisioner.begin();
        link.register(true);
    }

    /** Stops advertising and unregisters the service until {@link #start()}. */
    void stop() {
        link.unregister();
    }

    BleStatus status() {
        return new BleStatus(
                provisioner.state(),
                provisioner.error(),
                provisioner.authorizedBy(),
                adapter,
                link.status(),
                link.adapterPowered(),
                wifi.problem(),
                button.map(PresenceButton::status),
                provisioner.connections(),
                stats);
    }

    private void released() {
        link.released();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The board's model where the device tree names it (a Pi), else the OS and architecture. */
    private static String hardware() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/device-tree/model"))
                    .replace("\0", "")
                    .strip();
        } catch (java.io.IOException e) {
            return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        }
    }

    @Deactivate
    void deactivate() {
        button.ifPresent(PresenceButton::close);
        link.close();
        provisioner.close();
        bus.disconnect();
        LOG.info("BLE: provisioner stopped");
    }
}
