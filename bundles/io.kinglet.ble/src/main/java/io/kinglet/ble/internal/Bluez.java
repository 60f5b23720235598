package io.kinglet.ble.internal;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The BlueZ D-Bus interfaces the provisioner calls and implements (BlueZ's doc/org.bluez.*.rst). Public,
 * because dbus-java builds proxies and invokes the exported objects' methods reflectively.
 */
public final class Bluez {

    static final String BUS = "org.bluez";
    static final String ADAPTER = "org.bluez.Adapter1";
    static final String SERVICE = "org.bluez.GattService1";
    static final String CHARACTERISTIC = "org.bluez.GattCharacteristic1";
    static final String ADVERTISEMENT = "org.bluez.LEAdvertisement1";

    private Bluez() {}

    @DBusInterfaceName("org.bluez.GattManager1")
    public interface GattManager1 extends DBusInterface {
        void RegisterApplication(DBusPath application, Map<String, Variant<?>> options);

        void UnregisterApplication(DBusPath application);
    }

    @DBusInterfaceName("org.bluez.LEAdvertisingManager1")
    public interface LEAdvertisingManager1 extends DBusInterface {
        void RegisterAdvertisement(DBusPath advertisement, Map<String, Variant<?>> options);

        void UnregisterAdvertisement(DBusPath advertisement);
    }

    /** Properties only: UUID and Primary. */
    @DBusInterfaceName("org.bluez.GattService1")
    public interface GattService1 extends DBusInterface {}

    @DBusInterfaceName("org.bluez.GattCharacteristic1")
    public interface GattCharacteristic1 extends DBusInterface {
        byte[] ReadValue(Map<String, Variant<?>> options);

        void WriteValue(byte[] value, Map<String, Variant<?>> options);

        void StartNotify();

        void StopNotify();
    }

    @DBusInterfaceName("org.bluez.LEAdvertisement1")
    public interface LEAdvertisement1 extends DBusInterface {
        /** bluetoothd dropped the advertisement (it is stopping, or the adapter went away). */
        void Release();
    }
}
