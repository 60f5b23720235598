package io.kinglet.watchdog.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * sd_notify: one datagram per message to the unix socket systemd names in {@code NOTIFY_SOCKET}
 * (a path, or {@code @name} in the abstract namespace). One socket for the life of the component, so
 * a ping costs a single system call and no process.
 */
final class SystemdNotifier implements AutoCloseable {

    /** {@code sizeof(sun_path)} on Linux, the trailing NUL of a path included. */
    private static final int SUN_PATH = 108;

    private final LibC libc;
    private final String socketName;
    private final byte[] address;
    private final int fd;

    private SystemdNotifier(LibC libc, String socketName) throws IOException {
        this.libc = libc;
        this.socketName = socketName;
        this.address = address(socketName);
        try {
            this.fd = libc.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot create a unix datagram socket: " + e.getMessage(), e);
        }
    }

    /** The notifier systemd asked for, or empty when {@code NOTIFY_SOCKET} is not set (not run by systemd). */
    static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env) throws IOException {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new SystemdNotifier(LibC.load(), socket));
    }

    /**
     * The watchdog period systemd expects ({@code WATCHDOG_USEC}), when it is meant for this process
     * ({@code WATCHDOG_PID} absent or ours).
     */
    static Optional<Duration> watchdogPeriod(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || usec.isBlank() || (forPid != null && !forPid.strip().equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A {@code struct sockaddr_un} for the name, cut to its used length as systemd does: a path
     * ends with its NUL; an abstract name starts with one and has none at the end.
     */
    static byte[] address(String socketName) {
        boolean abstractName = socketName.startsWith("@");
        byte[] name = (abstractName ? socketName.substring(1) : socketName).getBytes(StandardCharsets.UTF_8);
        if (name.length + 1 > SUN_PATH) {
            throw new IllegalArgumentException("NOTIFY_SOCKET is longer than a unix socket name can be: " + socketName);
        }
        if (!abstractName && !socketName.startsWith("/")) {
            throw new IllegalArgumentException(
                    "NOTIFY_SOCKET must be an absolute path or an @abstract name, not '" + socketName + "'");
        }
        ByteBuffer address = ByteBuffer.allocate(2 + 1 + name.length).order(ByteOrder.nativeOrder());
        address.putShort((short) LibC.AF_UNIX);
        if (abstractName) {
            address.put((byte) 0).put(name);
        } else {
            address.put(name).put((byte) 0);
        }
        return address.array();
    }

    /** Sends one notification, e.g. {@code READY=1} or {@code STATUS=...}. */
    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            libc.sendto(fd, bytes, new NativeLong(bytes.length), 0, address, address.length);
        } catch (LastErrorException e) {
            throw new IOException("sd_notify to " + socketName + " failed: " + e.getMessage(), e);
        }
    }

    String socketName() {
        return socketName;
    }

    @Override
    public void close() {
        try {
            libc.close(fd);
        } catch (LastErrorException ignored) {
            // nothing is left to release
        }
    }
}
