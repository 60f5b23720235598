import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.kinglet.e2e.BundleVariant;
import io.kinglet.e2e.HawkbitManagement;
import io.kinglet.e2e.HawkbitServer;
import io.kinglet.e2e.KingletProcess;
import io.kinglet.e2e.OtaClient;
import io.kinglet.e2e.SigningKey;

/**
 * hawkBit client figures on this machine, through the e2e harness (bench/hawkbit.sh sets the class
 * path) against the real hawkBit 1.0.4 server: for each rollout of a signed bundle, the time from the
 * assignment on the server to the device fetching it (the poll wait), then from that fetch to committed
 * on the device minus the probation window (download, checks, switch and commit), and to the server
 * holding the success feedback; then the client's idle cost: CPU of the runtime per poll (polling
 * every second against the same runtime with the client off) and its resident set.
 * Usage: HawkbitBench [rollouts] [idle seconds]
 */
public class HawkbitBench {

    private static final String DEVICE = "bench-device";
    private static final String TOKEN = "bench-target-token";
    private static final String OTA_TOKEN = "bench-token";
    private static final Pattern DEPLOYMENT = Pattern.compile("OTA deployment (d\\d+)");

    public static void main(String[] args) throws Exception {
        int rollouts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = Files.createTempDirectory("kinglet-hawkbit-bench-");
        SigningKey key = SigningKey.create(dir, "release", "Bench releases");
        Path demo = Path.of(System.getProperty("kinglet.fixture.demo"));
        String ota = "token=" + OTA_TOKEN + "\ntrustedCertificates=" + key.certificatePem()
                + "\nprobationSeconds=1\nprobationIntervalMillis=100\n";
        try (HawkbitServer hawkbit = HawkbitServer.start()) {
            HawkbitManagement management = hawkbit.management();
            management.createTarget(DEVICE, TOKEN);
            management.createModuleType("bundle", "OSGi bundle");
            String client = "server = " + hawkbit.baseUrl() + "\ncontrollerId = " + DEVICE + "\ntoken = " + TOKEN
                    + "\nallowPlainHttp = true\npollMinSeconds = 1\npollMaxSeconds = 1\n";
            try (KingletProcess kinglet = KingletProcess.builder()
                    .configFile("io.kinglet.ota.cfg", ota)
                    .configFile("io.kinglet.hawkbit.cfg", client)
                    .start()) {
                OtaClient otaClient = new OtaClient(kinglet.baseUri(), OTA_TOKEN);
                List<Long> waits = new ArrayList<>();
                List<Long> toCommitted = new ArrayList<>();
                List<Long> toFeedback = new ArrayList<>();
                for (int i = 1; i <= rollouts; i++) {
                    String version = "1." + i + ".0";
                    Path unsigned = BundleVariant.of(demo).header("Bundle-Version", version)
                            .writeTo(dir.resolve("demo-" + version + ".jar"));
                    Path jar = key.sign(unsigned, dir.resolve("demo-" + version + "-signed.jar"));
                    long module = management.createSoftwareModule("demo", version, "bundle");
                    management.uploadArtifact(module, jar);
                    long set = management.createDistributionSet("demo", version, "bundle", module);
                    Instant assigned = Instant.now();
                    long action = management.assign(DEVICE, set, "forced");
                    Instant fetched = await(() -> !management.actionStatus(DEVICE, action).equals("running"));
                    Instant finished = await(() -> management.actionStatus(DEVICE, action).equals("finished"));
                    String messages = String.join("\n", management.actionMessages(DEVICE, action));
                    Matcher m = DEPLOYMENT.matcher(messages);
                    if (!m.find()) {
                        throw new IllegalStateException("action " + action + " names no OTA deployment: " + messages);
                    }
                    JsonNode deployment = otaClient.get("/ota/deployments/" + m.group(1)).json();
                    Instant committed = at(deployment, "committed");
                    long probation = Duration.between(at(deployment, "probation"), at(deployment, "committing")).toMillis();
                    waits.add(Duration.between(assigned, fetched).toMillis());
                    toCommitted.add(Duration.between(fetched, committed).toMillis() - probation);
                    toFeedback.add(Duration.between(fetched, finished).toMillis() - probation);
                }
                System.out.printf("%d rollouts of a %d-byte signed bundle (probation 1 s, polls every 1 s):%n",
                        rollouts, Files.size(dir.resolve("demo-1.1.0-signed.jar")));
                print("assigned -> fetched by the device (the poll wait)", waits);
                print("fetched -> committed on the device, minus probation", toCommitted);
                print("fetched -> success feedback on the server, minus probation", toFeedback);

                double[] on = idle(kinglet, idleSeconds);
                kinglet.deleteConfig("io.kinglet.hawkbit.cfg");
                Thread.sleep(3000);
                double[] off = idle(kinglet, idleSeconds);
                double polls = on[2];
                System.out.printf("idle, %d s each: client polling every 1 s: %.0f ms CPU, %.0f polls, RSS %.1f MiB;"
                                + " client off: %.0f ms CPU, RSS %.1f MiB%n", idleSeconds, on[0], polls, on[1], off[0],
                        off[1]);
                System.out.printf("idle cost per poll: %.2f ms CPU%n", (on[0] - off[0]) / polls);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU ms of the runtime over the window, its RSS in MiB at the end, and the polls made meanwhile. */
    private static double[] idle(KingletProcess kinglet, int seconds) throws Exception {
        double polls = polls(kinglet);
        long cpu = cpuMillis(kinglet.pid());
        Thread.sleep(seconds * 1000L);
        long used = cpuMillis(kinglet.pid()) - cpu;
        return new double[] {used, rssMiB(kinglet.pid()), polls(kinglet) - polls};
    }

    private static double polls(KingletProcess kinglet) throws Exception {
        Matcher m = Pattern.compile("(?m)^kinglet_hawkbit_polls_total (\\S+)$").matcher(kinglet.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static long cpuMillis(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime (fields 14 and 15), in clock ticks of 10 ms
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static double rssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return 0;
    }

    private interface Check {
        boolean done() throws Exception;
    }

    /** When {@code check} first holds, polled every 10 ms. */
    private static Instant await(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(10);
        }
        return Instant.now();
    }

    private static Instant at(JsonNode deployment, String state) {
        for (JsonNode t : deployment.get("transitions")) {
            if (t.get("state").asText().equals(state)) {
                return Instant.parse(t.get("at").asText());
            }
        }
        throw new IllegalStateException("no " + state + " in " + deployment);
    }

    private static void print(String what, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("  %-58s median %5d ms   min %5d ms   max %5d ms%n", what, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
