package io.kinglet.e2e;

import java.util.List;
import org.freedesktop.dbus.DBusAsyncReply;
import org.freedesktop.dbus.connections.AbstractConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;

/**
 * What dbus-java 5.2 needs help with in tests. Its proxies turn a D-Bus error into an exception of
 * the Java class named after the error, and when there is none (org.bluez.Error.Failed, say) into a
 * plain {@code DBusExecutionException} without the name; {@link #call} keeps the name. And an
 * {@code ay} arrives as {@code byte[]} where the method's Java signature says so, but as a list of
 * bytes inside a variant (a property, a PropertiesChanged value); {@link #bytes} takes either.
 */
public final class DBusCalls {

    private static final long TIMEOUT_MILLIS = 10_000;

    /** A D-Bus error answering a call, e.g. {@code org.bluez.Error.NotPermitted}. */
    public static final class Failure extends RuntimeException {
        private final String errorName;

        Failure(String errorName, String message) {
            super(errorName + ": " + message);
            this.errorName = errorName;
        }

        public String errorName() {
            return errorName;
        }
    }

    private DBusCalls() {}

    /**
     * Calls {@code method} of the proxy {@code remote} (from {@code getRemoteObject}) with
     * {@code args}; returns its result. dbus-java selects the Java method by the arguments' runtime
     * classes (lists and maps as {@code List} and {@code Map}), so it cannot select one declaring a
     * primitive parameter other than {@code byte[]}.
     *
     * @throws Failure when the call is answered with a D-Bus error, or not within 10 s
     */
    @SuppressWarnings("unchecked")
    public static <T> T call(AbstractConnection connection, DBusInterface remote, String method, Object... args) {
        DBusAsyncReply<?> reply = connection.callMethodAsync(remote, method, args);
        Message answer = reply.getCall().getReply(TIMEOUT_MILLIS);
        if (answer == null) {
            throw new Failure("org.freedesktop.DBus.Error.NoReply", method + " was not answered");
        }
        if (answer instanceof Error error) {
            throw new Failure(error.getName(), error.getException().getMessage());
        }
        if (reply.getMethod().getReturnType() == void.class) {
            return null; // DBusAsyncReply.getReply() takes no return value for no reply: NoReply
        }
        try {
            return (T) reply.getReply();
        } catch (DBusException e) {
            throw new Failure("org.freedesktop.DBus.Error.InvalidArgs", e.getMessage());
        }
    }

    /** A value of D-Bus type {@code ay} as dbus-java hands it over. */
    public static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        List<?> list = (List<?>) value;
        byte[] array = new byte[list.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = (Byte) list.get(i);
        }
        return array;
    }
}
