package io.kinglet.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code kinglet shell [--state DIR] COMMAND...}: runs one gogo command in the running instance over
 * its local shell socket and prints the output. Scripts and the end-to-end tests use
 * {@link #execute(Path, String)} directly.
 */
public final class ShellClient {

    /** Ends each command's output on the socket (see the shell bundle's socket server). */
    static final char END_OF_OUTPUT = '\u0004';

    private ShellClient() {}

    static int run(String[] args) throws IOException {
        Path state = Path.of(System.getProperty(
                LauncherSettings.STATE_DIR, System.getenv().getOrDefault("KINGLET_STATE_DIR", "state")));
        int first = 0;
        if (args.length > 1 && args[0].equals("--state")) {
            state = Path.of(args[1]);
            first = 2;
        }
        if (args.length <= first) {
            System.err.println("usage: kinglet shell [--state DIR] COMMAND...   e.g. kinglet shell lb");
            return 2;
        }
        Path socket = state.resolve("shell.sock");
        if (!Files.exists(socket)) {
            System.err.println(
                    "kinglet: no shell socket at " + socket + " (is Kinglet running with this state directory?)");
            return 1;
        }
        String command = String.join(" ", java.util.Arrays.copyOfRange(args, first, args.length));
        System.out.print(execute(socket, command));
        return 0;
    }

    /** Sends one command line to the shell socket and returns its output. */
    public static String execute(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.write(command.replace('\n', ' ') + "\n");
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            StringBuilder output = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != END_OF_OUTPUT) {
                output.append((char) c);
            }
            return output.toString();
        }
    }
}
