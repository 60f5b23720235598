package io.kinglet.ble.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/**
 * The Improv GATT application as bluetoothd sees it: an ObjectManager root whose managed objects are
 * the Improv service and its five characteristics (UUIDs and flags as the specification gives them).
 */
public final class ImprovGatt implements ObjectManager {

    static final String SERVICE_UUID = "00467768-6228-2272-4663-277478268000";
    static final String STATE_UUID = "00467768-6228-2272-4663-277478268001";
    static final String ERROR_UUID = "00467768-6228-2272-4663-277478268002";
    static final String RPC_COMMAND_UUID = "00467768-6228-2272-4663-277478268003";
    static final String RPC_RESULT_UUID = "00467768-6228-2272-4663-277478268004";
    static final String CAPABILITIES_UUID = "00467768-6228-2272-4663-277478268005";

    private final String root;
    private final Service service;
    final ImprovCharacteristic state;
    final ImprovCharacteristic error;
    final ImprovCharacteristic rpcCommand;
    final ImprovCharacteristic rpcResult;
    final ImprovCharacteristic capabilities;

    ImprovGatt(String root, ImprovCharacteristic.Writes writes) {
        this.root = root;
        this.service = new Service(root + "/service0");
        DBusPath servicePath = new DBusPath(service.getObjectPath());
        String base = service.getObjectPath() + "/char";
        List<String> readNotify = List.of("read", "notify");
        state = new ImprovCharacteristic(base + "0", servicePath, STATE_UUID, readNotify, writes);
        error = new ImprovCharacteristic(base + "1", servicePath, ERROR_UUID, readNotify, writes);
        rpcCommand = new ImprovCharacteristic(
                base + "2", servicePath, RPC_COMMAND_UUID, List.of("write", "write-without-response"), writes);
        rpcResult = new ImprovCharacteristic(base + "3", servicePath, RPC_RESULT_UUID, readNotify, writes);
        capabilities = new ImprovCharacteristic(base + "4", servicePath, CAPABILITIES_UUID, List.of("read"), writes);
    }

    List<ImprovCharacteristic> characteristics() {
        return List.of(state, error, rpcCommand, rpcResult, capabilities);
    }

    ExportedObject service() {
        return service;
    }

    @Override
    public String getObjectPath() {
        return root;
    }

    @Override
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = new LinkedHashMap<>();
        objects.put(new DBusPath(service.getObjectPath()), Map.of(service.iface(), service.properties()));
        for (ImprovCharacteristic c : characteristics()) {
            objects.put(new DBusPath(c.getObjectPath()), Map.of(c.iface(), c.properties()));
        }
        return objects;
    }

    /** The primary service; bluetoothd reads its UUID, the characteristics point at it. */
    public static final class Service extends ExportedObject implements Bluez.GattService1 {
        Service(String path) {
            super(path, Bluez.SERVICE);
        }

        @Override
        Map<String, Variant<?>> properties() {
            return Map.of("UUID", new Variant<>(SERVICE_UUID), "Primary", new Variant<>(true));
        }
    }

    void exportTo(org.freedesktop.dbus.connections.AbstractConnection connection) throws DBusException {
        connection.exportObject(root, this);
        connection.exportObject(service.getObjectPath(), service);
        for (ImprovCharacteristic c : characteristics()) {
            connection.exportObject(c.getObjectPath(), c);
            c.exportedTo(connection::sendMessage);
        }
    }

    void unexportFrom(org.freedesktop.dbus.connections.AbstractConnection connection) {
        for (ImprovCharacteristic c : characteristics()) {
            c.exportedTo(null);
            connection.unExportObject(c.getObjectPath());
        }
        connection.unExportObject(service.getObjectPath());
        connection.unExportObject(root);
    }
}
