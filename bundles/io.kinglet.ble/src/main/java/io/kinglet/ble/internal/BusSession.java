package io.kinglet.ble.internal;

import org.freedesktop.dbus.connections.impl.DBusConnection;

/** What lives as long as one D-Bus connection: the link with bluetoothd and the NetworkManager client. */
record BusSession(DBusConnection bus, BluezLink link, NetworkManagerWifi wifi) implements AutoCloseable {

    @Override
    public void close() {
        link.close();
        bus.disconnect();
    }
}
