import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.kinglet.e2e.BundleVariant;
import io.kinglet.e2e.KingletProcess;
import io.kinglet.e2e.OtaClient;
import io.kinglet.e2e.SigningKey;

/**
 * OTA figures on this machine, through the e2e harness (bench/ota.sh sets the class path):
 * push → committed without the probation wait, the service gap a client polling every ms sees while
 * blue is swapped for green, and rollback time after a failed verdict; then the same two figures for
 * updates of a runtime bundle, the health implementation (its /metrics polled), whose API bundle stays.
 * Usage: OtaBench [updates] [rollbacks] [health updates]
 */
public class OtaBench {

    private static final String TOKEN = "bench-token";
    private static final String[] FINAL = { "committed", "rolled-back", "refused" };

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rollbacks = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int healthUpdates = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("kinglet-ota-bench-");
        SigningKey key = SigningKey.create(dir, "release", "Bench releases");
        Path demo = Path.of(System.getProperty("kinglet.fixture.demo"));
        String config = "token=" + TOKEN + "\ntrustedCertificates=" + key.certificatePem()
                + "\nprobationSeconds=1\nprobationIntervalMillis=100\n";
        try (KingletProcess kinglet = KingletProcess.builder().configFile("io.kinglet.ota.cfg", config).start()) {
            OtaClient ota = new OtaClient(kinglet.baseUri(), TOKEN);
            deploy(ota, sign(key, demo, dir, "1.0.0", false));
            Poller poller = new Poller(kinglet.baseUri().resolve("/demo/io.kinglet.demo"));
            poller.start();
            Thread.sleep(500);

            double[] before = memory(kinglet);
            List<Long> pushToProbation = new ArrayList<>();
            List<Long> commitMs = new ArrayList<>();
            List<Long> totals = new ArrayList<>();
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i <= updates; i++) {
                Path jar = sign(key, demo, dir, "1." + i + ".0", false);
                poller.reset();
                JsonNode done = deploy(ota, jar);
                Thread.sleep(200);
                long toProbation = between(done, "received", "probation");
                long commit = Math.round(metric(kinglet, "kinglet_ota_last_commit_seconds") * 1000);
                pushToProbation.add(toProbation);
                commitMs.add(commit);
                totals.add(toProbation + commit);
                gaps.add(poller.longestGapMillis());
                check(done, "committed");
            }
            double[] after = memory(kinglet);
            List<Long> rollbackMs = new ArrayList<>();
            List<Long> rollbackGaps = new ArrayList<>();
            for (int i = 1; i <= rollbacks; i++) {
                Path jar = sign(key, demo, dir, "2." + i + ".0", true);
                poller.reset();
                JsonNode done = deploy(ota, jar);
                Thread.sleep(200);
                check(done, "rolled-back");
                rollbackMs.add(Math.round(metric(kinglet, "kinglet_ota_last_rollback_seconds") * 1000));
                rollbackGaps.add(poller.longestGapMillis());
            }
            poller.stop();

            Poller metrics = new Poller(kinglet.baseUri().resolve("/metrics"));
            metrics.start();
            Path health = BundleVariant.embedded(Path.of(System.getProperty("kinglet.jar")), "io.kinglet.health",
                    dir.resolve("health.jar"));
            List<Long> healthTotals = new ArrayList<>();
            List<Long> healthGaps = new ArrayList<>();
            for (int i = 1; i <= healthUpdates; i++) {
                Path unsigned = BundleVariant.of(health).header("Bundle-Version", "0.1." + i)
                        .writeTo(dir.resolve("health-" + i + ".jar"));
                metrics.reset();
                JsonNode done = deploy(ota, key.sign(unsigned, dir.resolve("signed-health-" + i + ".jar")));
                Thread.sleep(200);
                check(done, "committed");
                if (done.get("restarted").size() > 0) {
                    throw new IllegalStateException("the health update restarted other bundles: " + done);
                }
                healthTotals.add(between(done, "received", "probation")
                        + Math.round(metric(kinglet, "kinglet_ota_last_commit_seconds") * 1000));
                healthGaps.add(metrics.longestGapMillis());
            }
            metrics.stop();

            System.out.println("== Kinglet OTA (" + updates + " updates of a small bundle, " + rollbacks + " rollbacks)");
            System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
            print("push -> switched (received..probation starts)", pushToProbation);
            print("verdict -> committed", commitMs);
            print("push -> committed, probation wait excluded", totals);
            print("service gap during the switch (GET every 1 ms)", gaps);
            print("rollback (failed verdict -> blue running again)", rollbackMs);
            print("service gap during switch + rollback", rollbackGaps);
            System.out.println("requests polled: " + poller.requests + ", failed: " + poller.failures);
            System.out.println("-- " + healthUpdates + " updates of the health implementation (io.kinglet.health)");
            print("push -> committed, probation wait excluded", healthTotals);
            print("service gap of /metrics (GET every 1 ms)", healthGaps);
            System.out.println("requests polled: " + metrics.requests + ", failed: " + metrics.failures);
            System.out.printf("after a full GC, before -> after the %d updates: classes loaded %.0f -> %.0f, "
                    + "metaspace %.1f -> %.1f MiB, heap %.1f -> %.1f MiB%n", updates, before[0], after[0],
                    before[1] / 1048576, after[1] / 1048576, before[2] / 1048576, after[2] / 1048576);
        }
    }

    private static Path sign(SigningKey key, Path demo, Path dir, String version, boolean unhealthy) throws Exception {
        BundleVariant variant = BundleVariant.of(demo).header("Bundle-Version", version);
        if (unhealthy) {
            variant.header("Demo-Health", "fail");
        }
        Path unsigned = variant.writeTo(dir.resolve("demo-" + version + ".jar"));
        return key.sign(unsigned, dir.resolve("signed-demo-" + version + ".jar"));
    }

    private static JsonNode deploy(OtaClient ota, Path jar) throws Exception {
        OtaClient.Response pushed = ota.push(jar);
        if (pushed.status() != 202) {
            throw new IllegalStateException("push answered " + pushed.status() + ": " + pushed.body());
        }
        return ota.awaitState(pushed.json().get("id").asText(), Duration.ofSeconds(60), FINAL);
    }

    private static void check(JsonNode done, String expected) {
        if (!done.get("state").asText().equals(expected)) {
            throw new IllegalStateException("expected " + expected + ": " + done);
        }
    }

    private static long between(JsonNode deployment, String from, String to) {
        Instant a = null;
        Instant b = null;
        for (JsonNode t : deployment.get("transitions")) {
            if (t.get("state").asText().equals(from)) {
                a = Instant.parse(t.get("at").asText());
            }
            if (t.get("state").asText().equals(to)) {
                b = Instant.parse(t.get("at").asText());
            }
        }
        return Duration.between(a, b).toMillis();
    }

    /** Classes loaded, metaspace and heap used, after a full GC: a leaked class loader keeps all three up. */
    private static double[] memory(KingletProcess kinglet) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(kinglet.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor();
        return new double[] { metric(kinglet, "jvm_classes_currently_loaded"),
                pool(kinglet, "Metaspace"),
                metric(kinglet, "jvm_memory_used_bytes\\{area=\"heap\"\\}") };
    }

    private static double pool(KingletProcess kinglet, String pool) throws Exception {
        return metric(kinglet, "jvm_memory_pool_used_bytes\\{pool=\"" + pool + "\"\\}");
    }

    private static double metric(KingletProcess kinglet, String name) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(kinglet.get("/metrics").body());
        if (!m.find()) {
            throw new IllegalStateException("no metric " + name);
        }
        return Double.parseDouble(m.group(1));
    }

    private static void print(String what, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%-52s median %5d ms   min %5d ms   max %5d ms%n", what, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** GETs the swapped bundle's endpoint about every millisecond; a gap is time between two good answers. */
    static final class Poller {
        private final HttpClient http = HttpClient.newHttpClient();
        private final HttpRequest request;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long longestGap;
        private volatile long lastGood;
        long requests;
        long failures;
        private Thread thread;

        Poller(URI uri) {
            request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    long sent = System.nanoTime();
                    boolean ok;
                    try {
                        ok = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (Exception e) {
                        ok = false;
                    }
                    requests++;
                    if (ok) {
                        long now = System.nanoTime();
                        if (lastGood != 0) {
                            longestGap = Math.max(longestGap, now - lastGood);
                        }
                        lastGood = now;
                    } else {
                        failures++;
                    }
                    long wait = 1_000_000 - (System.nanoTime() - sent);
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }, "poller");
            thread.start();
        }

        void reset() {
            longestGap = 0;
        }

        long longestGapMillis() {
            return longestGap / 1_000_000;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
