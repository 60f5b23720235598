package io.kinglet.watchdog.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;

/**
 * The few C library calls the JDK lacks: unix datagrams (sd_notify) and the watchdog device's
 * ioctl. {@code size_t} and {@code ssize_t} are {@link NativeLong}s, the width of a C long on
 * Linux, so the same interface works on 32-bit ARM and 64-bit machines.
 */
interface LibC extends Library {

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int O_WRONLY = 0x1;
    int O_APPEND = 0x400;
    int O_CLOEXEC = 0x80000;
    /** {@code _IOWR('W', 6, int)}: sets the timeout in seconds and answers the one the driver took. */
    int WDIOC_SETTIMEOUT = 0xC0045706;

    /** Loaded on first use only: a runtime without systemd and without a watchdog device never loads it. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }

    int socket(int domain, int type, int protocol) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    /** The request is an {@code unsigned long} in C; the kernel reads 32 bits of it, so an int is enough. */
    int ioctl(int fd, int request, IntByReference argument) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
