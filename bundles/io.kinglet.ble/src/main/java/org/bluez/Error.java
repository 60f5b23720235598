package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * BlueZ's D-Bus errors ({@code org.bluez.Error.*}) that the provisioner's GATT objects answer with;
 * bluetoothd turns them into ATT errors for the central. dbus-java names a reply's error after the
 * thrown exception's class (nested classes joined by a dot), hence this package and these names.
 */
public final class Error {

    private Error() {}

    /** ATT "write not permitted": a read-only characteristic, or a connection over its write rate. */
    public static final class NotPermitted extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotPermitted(String message) {
            super(message);
        }
    }

    /** ATT "invalid offset": a read past the value's end. */
    public static final class InvalidOffset extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public InvalidOffset(String message) {
            super(message);
        }
    }
}
