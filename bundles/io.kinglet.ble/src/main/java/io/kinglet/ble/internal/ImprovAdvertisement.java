package io.kinglet.ble.internal;

import java.util.Map;
import org.freedesktop.dbus.types.Variant;

/**
 * The LE advertisement: the Improv service UUID and, in the same advertisement as the specification
 * requires, service data {@code 4677} carrying the current state and the capabilities. bluetoothd
 * reads it once at registration, so a state change re-registers it.
 */
public final class ImprovAdvertisement extends ExportedObject implements Bluez.LEAdvertisement1 {

    /**
     * The service data's 16-bit UUID in its short form: bluetoothd keeps a UUID written out in full as
     * 128 bits, whose service data (2 + 16 + 6 bytes) would not fit beside the Improv service UUID in
     * the 31 bytes of a legacy advertisement; as 16 bits the two fill them exactly.
     */
    static final String SERVICE_DATA_UUID = "4677";

    private final String localName;
    private final Runnable released;
    private volatile byte[] serviceData = new byte[6];

    ImprovAdvertisement(String path, String localName, Runnable released) {
        super(path, Bluez.ADVERTISEMENT);
        this.localName = localName;
        this.released = released;
    }

    /** Service data: state, capabilities, then four reserved zero bytes. */
    void show(ImprovState state, byte capabilities) {
        serviceData = new byte[] {state.code, capabilities, 0, 0, 0, 0};
    }

    @Override
    Map<String, Variant<?>> properties() {
        return Map.of(
                "Type", new Variant<>("peripheral"),
                "ServiceUUIDs", new Variant<>(new String[] {ImprovGatt.SERVICE_UUID}),
                "ServiceData", new Variant<>(Map.of(SERVICE_DATA_UUID, new Variant<>(serviceData.clone())), "a{sv}"),
                "LocalName", new Variant<>(localName),
                "Discoverable", new Variant<>(true));
    }

    @Override
    public void Release() {
        released.run();
    }
}
