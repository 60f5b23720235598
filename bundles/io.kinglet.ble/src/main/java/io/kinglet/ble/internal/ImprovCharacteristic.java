package io.kinglet.ble.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the Improv service's characteristics. Its value is what a read returns; a change is notified
 * by {@code PropertiesChanged} on {@code Value} while bluetoothd has notifications started (a central
 * subscribed). Writes go to the {@link Writes} given, with the central's device path as the connection.
 */
public final class ImprovCharacteristic extends ExportedObject implements Bluez.GattCharacteristic1 {

    private static final Logger LOG = LoggerFactory.getLogger(ImprovCharacteristic.class);

    /** Where writes go: {@code false} refuses the write (the central sees an ATT error). */
    interface Writes {
        boolean write(String device, byte[] value, int offset);
    }

    /** Sends a signal; absent while not exported. */
    interface Signals {
        void send(Properties.PropertiesChanged signal) throws DBusException;
    }

    private final String uuid;
    private final DBusPath service;
    private final List<String> flags;
    private final Writes writes;
    private volatile Signals signals;
    private volatile byte[] value = new byte[0];
    private volatile boolean notifying;

    ImprovCharacteristic(String path, DBusPath service, String uuid, List<String> flags, Writes writes) {
        super(path, Bluez.CHARACTERISTIC);
        this.service = service;
        this.uuid = uuid;
        this.flags = flags;
        this.writes = writes;
    }

    String uuid() {
        return uuid;
    }

    void exportedTo(Signals signals) {
        this.signals = signals;
    }

    /** Sets the value, notifying subscribers. */
    void set(byte[] newValue) {
        value = newValue.clone();
        Signals out = signals;
        if (!notifying || out == null) {
            return;
        }
        try {
            out.send(new Properties.PropertiesChanged(
                    getObjectPath(), Bluez.CHARACTERISTIC, Map.of("Value", new Variant<>(value)), List.of()));
        } catch (DBusException e) {
            LOG.warn("BLE: notifying {} failed: {}", uuid, e.getMessage());
        }
    }

    byte[] value() {
        return value.clone();
    }

    @Override
    Map<String, Variant<?>> properties() {
        return Map.of(
                "UUID", new Variant<>(uuid),
                "Service", new Variant<>(service),
                "Flags", new Variant<>(flags.toArray(String[]::new)),
                "Value", new Variant<>(value),
                "Notifying", new Variant<>(notifying));
    }

    @Override
    public byte[] ReadValue(Map<String, Variant<?>> options) {
        byte[] current = value;
        int offset = offset(options);
        if (offset > current.length) {
            throw new org.bluez.Error.InvalidOffset("offset " + offset + " past the value");
        }
        return Arrays.copyOfRange(current, offset, current.length);
    }

    @Override
    public void WriteValue(byte[] bytes, Map<String, Variant<?>> options) {
        if (!flags.contains("write") && !flags.contains("write-without-response")) {
            throw new org.bluez.Error.NotPermitted(uuid + " is not writable");
        }
        Object device = options.containsKey("device") ? options.get("device").getValue() : null;
        String connection = device == null ? "unknown" : device.toString();
        if (!writes.write(connection, bytes, offset(options))) {
            throw new org.bluez.Error.NotPermitted("too many writes; slow down");
        }
    }

    @Override
    public void StartNotify() {
        notifying = true;
    }

    @Override
    public void StopNotify() {
        notifying = false;
    }

    private static int offset(Map<String, Variant<?>> options) {
        Variant<?> offset = options.get("offset");
        return offset != null && offset.getValue() instanceof Number n ? n.intValue() : 0;
    }
}
