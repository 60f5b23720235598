package io.kinglet.ble.internal;

import java.util.Map;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * An object the provisioner exports to bluetoothd: one BlueZ interface whose properties are read-only
 * and listed by {@link #properties()} (what {@code GetManagedObjects} and {@code GetAll} return).
 */
public abstract class ExportedObject implements Properties {

    private final String path;
    private final String iface;

    ExportedObject(String path, String iface) {
        this.path = path;
        this.iface = iface;
    }

    abstract Map<String, Variant<?>> properties();

    String iface() {
        return iface;
    }

    @Override
    public String getObjectPath() {
        return path;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String property) {
        Variant<?> value = properties().get(property);
        if (!iface.equals(interfaceName) || value == null) {
            throw new UnknownProperty("no property " + interfaceName + "." + property);
        }
        return (A) value;
    }

    @Override
    public <A> void Set(String interfaceName, String property, A value) {
        throw new PropertyReadOnly(property + " is read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return iface.equals(interfaceName) ? properties() : Map.of();
    }
}
