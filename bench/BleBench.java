import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.kinglet.e2e.BleCentral;
import io.kinglet.e2e.KingletProcess;
import io.kinglet.e2e.PrivateBus;

/**
 * BLE provisioner figures on this machine, through the e2e harness (bench/ble.sh sets the class path),
 * against a private D-Bus with the python-dbusmock stand-ins for bluetoothd and NetworkManager:
 * the idle cost of the runtime with the provisioner advertising against the same runtime without it
 * (CPU share, RSS and threads of the process, after a settling time), then the time from the Wi-Fi
 * settings write to the "provisioned" notification, the mock connecting at once so that only
 * Kinglet's part (and the D-Bus round trips) is timed.
 * Usage: BleBench [provisionings] [idle seconds]
 */
public class BleBench {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    record Idle(double cpuPercent, long rssKiB, long committedKiB, int threads) {}

    /** Native memory tracking, so the memory the JVM committed can be compared, not only the noisier RSS. */
    private static KingletProcess.Builder runtime() {
        return KingletProcess.builder().environment("KINGLET_JAVA_OPTS", "-XX:NativeMemoryTracking=summary");
    }

    public static void main(String[] args) throws Exception {
        int provisionings = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int fuzzPackets = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path busDir = Files.createTempDirectory(Path.of("/tmp"), "kbench");
        try (PrivateBus bus = PrivateBus.start(busDir)) {
            bus.startBluez();
            bus.startNetworkManager();
            bus.addWifi("wlan0");
            bus.addAccessPoint("HomeNet", 80, true);
            bus.setActivationDelay(Duration.ZERO);

            Idle off;
            try (KingletProcess kinglet = runtime().start()) {
                off = idle(kinglet, idleSeconds);
            }
            // a high write budget, so the fuzz below reaches the decoder rather than the rate limit
            String config = "authorization = none\nwritesPerSecond = 1000\ndbusAddress = unix:path="
                    + busDir.resolve("bus") + "\n";
            try (KingletProcess kinglet = runtime().configFile("io.kinglet.ble.cfg", config).start();
                    BleCentral phone = BleCentral.connect(bus, "AA:BB:CC:DD:EE:01", WAIT)) {
                Idle on = idle(kinglet, idleSeconds);
                System.out.printf("idle over %d s after %d s, then a full GC: BLE off %.2f %% CPU, JVM committed %.1f MiB,"
                                + " RSS %.1f MiB, %d threads; advertising %.2f %% CPU, JVM committed %.1f MiB, RSS %.1f"
                                + " MiB, %d threads (delta %+.2f %% CPU, %+.1f MiB committed, %+.1f MiB RSS, %+d"
                                + " threads)%n",
                        idleSeconds, SETTLE.toSeconds(), off.cpuPercent(), off.committedKiB() / 1024.0,
                        off.rssKiB() / 1024.0, off.threads(), on.cpuPercent(), on.committedKiB() / 1024.0,
                        on.rssKiB() / 1024.0, on.threads(), on.cpuPercent() - off.cpuPercent(),
                        (on.committedKiB() - off.committedKiB()) / 1024.0, (on.rssKiB() - off.rssKiB()) / 1024.0,
                        on.threads() - off.threads());
                latency(kinglet, phone, provisionings);
                mockRoundTrip(bus, provisionings);
                fuzz(kinglet, phone, fuzzPackets);
            }
        } finally {
            try (var files = Files.walk(busDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU share over the window, then RSS and threads of the Kinglet process. */
    private static Idle idle(KingletProcess kinglet, int seconds) throws Exception {
        Thread.sleep(SETTLE.toMillis());
        long before = cpuTicks(kinglet.pid());
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuTicks(kinglet.pid()) - before) / 100.0 / wall * 100;
        jcmd(kinglet.pid(), "GC.run");
        Thread.sleep(1000);
        String nmt = jcmd(kinglet.pid(), "VM.native_memory", "summary");
        java.util.regex.Matcher committed = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB")
                .matcher(nmt);
        if (!committed.find()) {
            throw new IOException("no native memory summary: " + nmt);
        }
        return new Idle(
                cpu,
                status(kinglet.pid(), "VmRSS:"),
                Long.parseLong(committed.group(1)),
                (int) status(kinglet.pid(), "Threads:"));
    }

    private static String jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return out;
    }

    private static void latency(KingletProcess kinglet, BleCentral phone, int provisionings) throws IOException {
        byte[] credentials = wifi("HomeNet", "correct horse battery");
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < provisionings; i++) {
            int states = phone.notifications("8001").size();
            kinglet.shell("ble:start");
            awaitState(phone, states, 0x02);
            states = phone.notifications("8001").size();
            long sent = System.nanoTime();
            phone.write("8003", credentials);
            BleCentral.Notification provisioned = awaitState(phone, states, 0x04);
            millis.add((provisioned.atNanos() - sent) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("Wi-Fi settings write -> provisioned notification, %d provisionings (NetworkManager mock"
                        + " connecting at once): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                millis.size(), quantile(millis, 0.5), quantile(millis, 0.9), quantile(millis, 0.99),
                millis.get(millis.size() - 1));
    }

    /**
     * Random packets over D-Bus, as a hostile central writes them: the live heap after a full GC before
     * and after, and a provisioning afterwards to show nothing is stuck.
     */
    private static void fuzz(KingletProcess kinglet, BleCentral phone, int packets) throws Exception {
        long before = liveBytes(kinglet.pid());
        java.util.Random random = new java.util.Random(17);
        int refused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            if (junk.length > 2 && random.nextBoolean()) {
                junk[0] = (byte) (1 + random.nextInt(5));
                junk[1] = (byte) (junk.length - 3);
            }
            try {
                phone.write("8003", junk);
            } catch (RuntimeException e) {
                refused++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = liveBytes(kinglet.pid());
        int states = phone.notifications("8001").size();
        kinglet.shell("ble:start");
        awaitState(phone, states, 0x02);
        states = phone.notifications("8001").size();
        phone.write("8003", wifi("HomeNet", "correct horse battery"));
        awaitState(phone, states, 0x04);
        System.out.printf("fuzz: %d random packets in %.1f s (%d writes refused with a D-Bus error), live heap after a"
                        + " full GC %.1f MiB before, %.1f MiB after; provisioning afterwards: ok%n",
                packets, seconds, refused, before / 1048576.0, after / 1048576.0);
    }

    /** Bytes of live objects: the total of a class histogram, which collects fully first. */
    private static long liveBytes(long pid) throws Exception {
        String histogram = jcmd(pid, "GC.class_histogram");
        String[] lines = histogram.strip().split("\n");
        String[] total = lines[lines.length - 1].strip().split("\\s+");
        return Long.parseLong(total[2]);
    }

    /** For scale: what one call to the python NetworkManager mock takes, of which a provisioning makes several. */
    private static void mockRoundTrip(PrivateBus bus, int calls) throws Exception {
        try (var connection = bus.connect()) {
            var properties = connection.getRemoteObject(
                    PrivateBus.NETWORK_MANAGER,
                    "/org/freedesktop/NetworkManager",
                    org.freedesktop.dbus.interfaces.Properties.class);
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                properties.Get("org.freedesktop.NetworkManager", "State");
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf("for scale, one Properties.Get from the bench to the NetworkManager mock, %d calls:"
                            + " p50 %.2f ms, p99 %.2f ms%n",
                    calls, quantile(millis, 0.5), quantile(millis, 0.99));
        }
    }

    private static BleCentral.Notification awaitState(BleCentral phone, int after, int state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<BleCentral.Notification> all = phone.notifications("8001");
            for (BleCentral.Notification n : all.subList(Math.min(after, all.size()), all.size())) {
                if (n.value()[0] == state) {
                    return n;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("no state " + state + " notification within " + WAIT);
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static byte[] wifi(String ssid, String passphrase) {
        byte[] s = ssid.getBytes(StandardCharsets.UTF_8);
        byte[] p = passphrase.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[s.length + p.length + 5];
        frame[0] = 1;
        frame[1] = (byte) (s.length + p.length + 2);
        frame[2] = (byte) s.length;
        System.arraycopy(s, 0, frame, 3, s.length);
        frame[3 + s.length] = (byte) p.length;
        System.arraycopy(p, 0, frame, 4 + s.length, p.length);
        int sum = 0;
        for (int i = 0; i < frame.length - 1; i++) {
            sum += frame[i] & 0xFF;
        }
        frame[frame.length - 1] = (byte) sum;
        return frame;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    private static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
            }
        }
        throw new IOException(key + " not in /proc/" + pid + "/status");
    }
}
