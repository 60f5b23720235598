package io.kinglet.shell.internal;

import io.kinglet.boot.KingletDirectories;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs gogo commands sent to a Unix domain socket in the state directory, one command per line,
 * for scripts and tests ({@code kinglet shell lb}). A Unix socket with mode 0600 is reachable only
 * by the user the runtime runs as, and by nothing on the network.
 */
@Component(configurationPid = "io.kinglet.shell.socket", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ShellSocketServer.Config.class)
public class ShellSocketServer {

    @ObjectClassDefinition(
            name = "Kinglet shell socket",
            description = "Local socket on which scripts run gogo shell commands")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Serve the shell socket at all")
        boolean enabled() default true;

        @AttributeDefinition(
                name = "Socket path",
                description = "Path of the socket; relative paths are inside the state directory")
        String path() default "shell.sock";

        @AttributeDefinition(
                name = "Concurrent sessions",
                min = "1",
                max = "64",
                description = "Commands from at most this many clients run at once; further clients wait")
        int maxSessions() default 4;
    }

    /** Marks the end of one command's output, so a client can send several commands on one connection. */
    static final String END_OF_OUTPUT = "\u0004";

    private static final Logger LOG = LoggerFactory.getLogger(ShellSocketServer.class);

    private final CommandProcessor processor;
    private final ServerSocketChannel server;
    private final Path socket;
    private final ExecutorService workers;

    @Activate
    public ShellSocketServer(BundleContext context, @Reference CommandProcessor processor, Config config)
            throws IOException {
        this.processor = processor;
        if (!config.enabled()) {
            server = null;
            socket = null;
            workers = null;
            LOG.info("Shell socket disabled by configuration");
            return;
        }
        socket = KingletDirectories.state(context).resolve(config.path());
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        // one thread accepts, maxSessions serve: a runaway script cannot exhaust the device's threads
        workers = Executors.newFixedThreadPool(config.maxSessions() + 1, r -> {
            Thread t = new Thread(r, "kinglet-shell-socket");
            t.setDaemon(true);
            return t;
        });
        workers.execute(this::accept);
        LOG.debug("Shell socket listening on {}", socket);
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        if (server == null) {
            return;
        }
        server.close();
        workers.shutdownNow();
        workers.awaitTermination(2, TimeUnit.SECONDS);
        Files.deleteIfExists(socket);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("Shell socket {}: accept failed: {}", socket, e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                OutputStream raw = Channels.newOutputStream(client);
                PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8)) {
            CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        run(session, line, out);
                    }
                }
            } finally {
                session.close();
            }
        } catch (IOException e) {
            LOG.debug("Shell socket client went away: {}", e.getMessage());
        }
    }

    private static void run(CommandSession session, String line, PrintStream out) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
        } catch (Exception e) {
            out.println("Error: " + e.getMessage());
        }
        out.print(END_OF_OUTPUT);
        out.println();
        out.flush();
    }
}
