package io.kinglet.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy between a device and its HTTP/1.1 server, to break what lies between them as
 * a poor network would: a download cut short, or the server gone. Bytes pass unchanged, so the
 * {@code Host} the device sends is the proxy's, and a server that builds links from it (hawkBit does)
 * hands out links through the proxy. Requests are told apart by their request lines in the
 * device's stream, which is enough for a client that does not pipeline (the JDK's does not): a
 * request is sent only once the previous response on its connection was read.
 *
 * <pre>{@code
 * try (CuttingProxy proxy = CuttingProxy.start(hawkbit.port())) {
 *     proxy.cutNextDownloadAfter(100_000); // the device polls proxy.url() + "/DEFAULT/..."
 *     assertThat(proxy.rangeHeaders()).containsExactly("bytes=99700-");
 * }
 * }</pre>
 */
public final class CuttingProxy implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]+ (\\S+) HTTP/1\\.[01]");
    /** A longer line is a body's, not a header's: no need to keep it. */
    private static final int MAX_LINE = 16 * 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    /** The cut waiting for the next download, in bytes; negative: none. */
    private final AtomicLong nextCut = new AtomicLong(-1);

    private volatile boolean down;

    private CuttingProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port, forwarding each connection to 127.0.0.1:{@code targetPort}. */
    public static CuttingProxy start(int targetPort) throws IOException {
        CuttingProxy proxy = new CuttingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        daemon("cutting-proxy-accept-" + proxy.port(), proxy::accept).start();
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The next response to a request whose path contains {@code /artifacts/} is passed on for
     * {@code bytes} bytes only, counted from the start of the response, its status line and headers
     * included; then both sides of that connection are closed, the device's after a FIN so that it
     * reads all it was given. Once only.
     */
    public void cutNextDownloadAfter(long bytes) {
        nextCut.set(bytes);
    }

    /** The values of the {@code Range} headers of the requests so far, in order. */
    public List<String> rangeHeaders() {
        return List.copyOf(rangeHeaders);
    }

    /** The request lines so far, in order, e.g. {@code "GET /DEFAULT/controller/v1/dev-1 HTTP/1.1"}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * While down, the server seems unreachable: open connections are closed now and new ones as soon
     * as they are accepted.
     */
    public void setDown(boolean down) {
        this.down = down;
        if (down) {
            connections.forEach(Connection::close);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket device;
            try {
                device = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (down) {
                closeQuietly(device);
                continue;
            }
            try {
                Connection connection =
                        new Connection(device, new Socket(InetAddress.getLoopbackAddress(), targetPort));
                connections.add(connection);
                connection.start();
                if (down) { // set down while this one was being connected
                    connection.close();
                }
            } catch (IOException e) {
                closeQuietly(device); // the server is not there: so the device sees it
            }
        }
    }

    /** One device connection and its own to the server, a thread for each direction. */
    private final class Connection {

        private final Socket device;
        private final Socket target;
        /** Response bytes still to pass before the cut; negative: no cut. */
        private final AtomicLong budget = new AtomicLong(-1);

        Connection(Socket device, Socket target) {
            this.device = device;
            this.target = target;
        }

        void start() {
            daemon("cutting-proxy-up-" + device.getPort(), this::up).start();
            daemon("cutting-proxy-down-" + device.getPort(), this::down).start();
        }

        /** Device to server: looks at each line for request lines and Range headers before passing it on. */
        private void up() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = device.getInputStream();
                    OutputStream out = target.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            look(line.toString(StandardCharsets.ISO_8859_1).strip());
                            line.reset();
                        } else if (line.size() < MAX_LINE) {
                            line.write(buffer[i]);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the other direction, a cut or setDown
            } finally {
                close();
            }
        }

        private void look(String line) {
            Matcher request = REQUEST_LINE.matcher(line);
            if (request.matches()) {
                requests.add(line);
                // set before the request goes on: no byte of its response can have come back yet
                budget.set(request.group(1).contains("/artifacts/") ? nextCut.getAndSet(-1) : -1);
            } else if (line.toLowerCase(Locale.ROOT).startsWith("range:")) {
                rangeHeaders.add(line.substring("range:".length()).strip());
            }
        }

        /** Server to device: passes on at most the budget, then cuts. */
        private void down() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = target.getInputStream();
                    OutputStream out = device.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long left = budget.get();
                    if (left >= 0 && n >= left) {
                        out.write(buffer, 0, (int) left);
                        out.flush();
                        device.shutdownOutput();
                        return;
                    }
                    if (left >= 0) {
                        budget.addAndGet(-n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the other direction or setDown
            } finally {
                close();
            }
        }

        void close() {
            connections.remove(this);
            closeQuietly(device);
            closeQuietly(target);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() throws IOException {
        server.close();
        connections.forEach(Connection::close);
    }
}
