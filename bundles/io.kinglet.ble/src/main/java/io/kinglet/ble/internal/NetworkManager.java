package io.kinglet.ble.internal;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/** The NetworkManager D-Bus interfaces the provisioner calls (NetworkManager's D-Bus API reference). */
public final class NetworkManager {

    static final String BUS = "org.freedesktop.NetworkManager";
    static final String PATH = "/org/freedesktop/NetworkManager";
    static final String DEVICE = "org.freedesktop.NetworkManager.Device";
    static final String ACCESS_POINT = "org.freedesktop.NetworkManager.AccessPoint";
    static final String ACTIVE = "org.freedesktop.NetworkManager.Connection.Active";
    static final String IP4_CONFIG = "org.freedesktop.NetworkManager.IP4Config";

    /** NM_DEVICE_TYPE_WIFI. */
    static final int DEVICE_TYPE_WIFI = 2;
    /** NM_ACTIVE_CONNECTION_STATE_ACTIVATED and _DEACTIVATED. */
    static final int ACTIVATED = 2;

    static final int DEACTIVATED = 4;

    private NetworkManager() {}

    @DBusInterfaceName("org.freedesktop.NetworkManager")
    public interface Manager extends DBusInterface {
        List<DBusPath> GetDevices();

        Added<DBusPath, DBusPath> AddAndActivateConnection(
                Map<String, Map<String, Variant<?>>> connection, DBusPath device, DBusPath specificObject);
    }

    @DBusInterfaceName("org.freedesktop.NetworkManager.Device.Wireless")
    public interface Wireless extends DBusInterface {
        void RequestScan(Map<String, Variant<?>> options);

        List<DBusPath> GetAllAccessPoints();
    }

    @DBusInterfaceName("org.freedesktop.NetworkManager.Settings.Connection")
    public interface SettingsConnection extends DBusInterface {
        void Delete();
    }

    /**
     * AddAndActivateConnection's two results: the saved profile and the activation. Generic because
     * dbus-java reads a tuple's D-Bus types from its type arguments.
     */
    public static final class Added<P, A> extends Tuple {
        @Position(0)
        public final P path;

        @Position(1)
        public final A activeConnection;

        public Added(P path, A activeConnection) {
            this.path = path;
            this.activeConnection = activeConnection;
        }
    }
}
