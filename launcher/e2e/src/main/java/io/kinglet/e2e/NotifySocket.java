package io.kinglet.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * A unix datagram socket standing where systemd's notify socket would be, owned by the test. The JDK
 * cannot receive unix datagrams, so Debian's python3 binds it and prints each datagram with the time
 * it arrived; the name is a path or an {@code @abstract} one, as {@code NOTIFY_SOCKET} allows.
 */
public final class NotifySocket implements AutoCloseable {

    /** One notification as received: milliseconds since the epoch and the text (e.g. {@code READY=1}). */
    public record Message(long atMillis, String text) {}

    private static final String RECEIVER = String.join(
            "\n",
            "import socket, sys, time",
            "name = sys.argv[1]",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind('\\0' + name[1:] if name.startswith('@') else name)",
            "print('bound', flush=True)",
            "while True:",
            "    data = s.recv(65536).decode()",
            "    now = int(time.time() * 1000)",
            "    for line in data.split('\\n'):",
            "        if line:",
            "            print(now, line, flush=True)");

    private final String name;
    private final Process receiver;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private NotifySocket(String name) throws IOException {
        this.name = name;
        receiver = new ProcessBuilder("/usr/bin/python3", "-u", "-c", RECEIVER, name)
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"bound".equals(first)) {
            throw new IOException("the notify socket receiver did not start: " + first);
        }
        Thread reader = new Thread(
                () -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            int space = line.indexOf(' ');
                            messages.add(
                                    new Message(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                        }
                    } catch (IOException | NumberFormatException e) {
                        // the receiver ended
                    }
                },
                "notify-socket-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Binds {@code name}: an absolute path, or {@code @name} in the abstract namespace. */
    public static NotifySocket bind(String name) throws IOException {
        return new NotifySocket(name);
    }

    /** What {@code NOTIFY_SOCKET} is set to. */
    public String name() {
        return name;
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages whose text starts with {@code prefix}, in order. */
    public List<Message> messages(String prefix) {
        return messages.stream().filter(m -> m.text().startsWith(prefix)).toList();
    }

    /** Waits until a message starting with {@code prefix} has arrived; returns the first. */
    public Message awaitMessage(String prefix, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !messages(prefix).isEmpty());
        return messages(prefix).get(0);
    }

    @Override
    public void close() {
        receiver.destroy();
    }
}
