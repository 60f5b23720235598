package io.kinglet.ble.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.connections.impl.DBusConnection;
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
    private final Provisioner provisioner;
    private final ImprovGatt gatt;
    private final ImprovAdvertisement advertisement;
    private final BusConnector connector;
    private final String wifiInterface;
    private final Optional<PresenceButton> button;
    /** Stopped by ble:stop until ble:start. */
    private volatile boolean stopped;

    @Activate
    public BleProvisioner(BleConfiguration config, BundleContext context, @Reference EventAdmin events) {
        this.events = events;
        this.keepAdvertising = config.keepAdvertising();
        this.adapter = config.adapter();
        String version = context.getBundle().getVersion().toString();
        String port = Optional.ofNullable(context.getProperty("org.osgi.service.http.port"))
                .orElse("8080");
        this.wifiInterface = config.wifiInterface();
        this.connector = new BusConnector(config.dbusAddress(), this::openSession);
        this.provisioner = new Provisioner(
                new Provisioner.Settings(
                        !"none".equals(config.authorization()),
                        Duration.ofSeconds(config.authorizationSeconds()),
                        Duration.ofSeconds(config.connectTimeoutSeconds()),
                        new Connections.Limits(config.writesPerSecond(), Duration.ofSeconds(1)),
                        List.of("Kinglet", version, hardware(), config.deviceName()),
                        new RedirectUrl(config.redirectUrl(), hostname(), port)),
                connector,
                this,
                stats);
        this.gatt = new ImprovGatt(ROOT, provisioner::write);
        this.advertisement = new ImprovAdvertisement(ROOT + "/advertisement0", config.deviceName(), this::released);
        gatt.capabilities.set(new byte[] {Provisioner.CAPABILITIES});
        provisioner.begin();
        connector.start();
        this.button = PresenceButton.open(
                config.button(),
                config.buttonKey(),
                Path.of(config.sysfsRoot()),
                Path.of(config.devRoot()),
                provisioner::authorize);
        LOG.info(
                "BLE: Improv Wi-Fi provisioner started as \"{}\" on {} (authorization: {})",
                config.deviceName(),
                adapter,
                config.authorization());
    }

    /** On each new D-Bus connection: the objects exported, registered unless stopped. */
    private BusSession openSession(DBusConnection bus) throws DBusException {
        BluezLink link = new BluezLink(bus, adapter, gatt, advertisement);
        link.start();
        if (!stopped) {
            link.register(advertising(provisioner.state()));
        }
        return new BusSession(bus, link, new NetworkManagerWifi(bus, wifiInterface));
    }

    /** Advertising stops once provisioned, unless configured to go on. */
    private boolean advertising(ImprovState state) {
        return state != ImprovState.PROVISIONED || keepAdvertising;
    }

    private Optional<BluezLink> link() {
        return connector.session().map(BusSession::link);
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
        link().ifPresent(link -> {
            if (advertising(state)) {
                link.refreshAdvertisement();
            } else {
                link.advertise(false);
            }
        });
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
        stopped = false;
        provisioner.begin();
        link().ifPresent(link -> link.register(true));
    }

    /** Stops advertising and unregisters the service until {@link #start()}. */
    void stop() {
        stopped = true;
        link().ifPresent(BluezLink::unregister);
    }

    BleStatus status() {
        return new BleStatus(
                provisioner.state(),
                provisioner.error(),
                provisioner.authorizedBy(),
                adapter,
                connector.problem(),
                link().map(BluezLink::status),
                link().flatMap(BluezLink::adapterPowered),
                connector.session().flatMap(session -> session.wifi().problem()),
                button.map(PresenceButton::status),
                provisioner.connections(),
                stats);
    }

    private void released() {
        link().ifPresent(BluezLink::released);
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
            return java.nio.file.Files.readString(Path.of("/proc/device-tree/model"))
                    .replace("\0", "")
                    .strip();
        } catch (java.io.IOException e) {
            return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        }
    }

    @Deactivate
    void deactivate() {
        button.ifPresent(PresenceButton::close);
        connector.close();
        provisioner.close();
        LOG.info("BLE: provisioner stopped");
    }
}
