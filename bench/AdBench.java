import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kinglet.e2e.KingletProcess;
import io.kinglet.e2e.TestClips;

/**
 * Ad-break detector figures on this machine, through the e2e harness (bench/addetect.sh sets the class
 * path): clips of 5 minutes, 480x270 at 25 fps, H.264 with AAC audio, made with ffmpeg as a broadcast
 * is put together (TestClips), each scanned with ad:scan in the launcher (its JVM flags, ffmpeg's decode
 * included): speed as a multiple of real time, and break-level precision, recall and F1 against the
 * truth they were built from, a break counting as found when both its ends are within 1 s (and 2 s);
 * then the same clips with {@code kinglet ad-scan} (no runtime), with the launcher's flags and with C2.
 * Usage: AdBench
 */
public class AdBench {

    record Counts(int truePositives, int falsePositives, int falseNegatives) {
        Counts plus(Counts o) {
            return new Counts(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives);
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("kinglet-ad-bench-");
        List<TestClips> clips = List.of(
                // separators around every advert, two breaks
                TestClips.clip().programme(60).black(0.5).advert(15, 0).black(0.5).advert(15, 1).black(0.5)
                        .advert(15, 2).black(0.5).programme(90).black(0.5).advert(20, 3).black(0.5).advert(20, 0)
                        .black(0.5).programme(62),
                // adverts joined without black, a fade and a dark scene in the programme
                TestClips.clip().programme(50).advert(15, 1).advert(15, 2).advert(15, 3).programme(30).dipToBlack(6).programme(4).programme(30, "eq=brightness=-0.45")
                        .black(0.5).advert(20, 0).advert(20, 1).black(0.5).programme(94),
                // short black transitions in the programme, one long break
                TestClips.clip().programme(45).black(1).programme(45).black(0.5).advert(30, 2).black(0.5)
                        .advert(30, 3).black(0.5).advert(30, 0).black(0.5).programme(40).black(1).programme(76));
        List<Path> files = new ArrayList<>();
        Counts within1 = new Counts(0, 0, 0);
        Counts within2 = new Counts(0, 0, 0);
        double media = 0;
        double wall = 0;
        ObjectMapper json = new ObjectMapper();
        try (KingletProcess kinglet = KingletProcess.builder().start()) {
            for (int i = 0; i < clips.size(); i++) {
                TestClips clip = clips.get(i);
                Path file = clip.write(dir.resolve("clip" + i + ".mp4"));
                files.add(file);
                long start = System.nanoTime();
                JsonNode result = json.readTree(kinglet.shell("ad:scan " + file));
                double seconds = (System.nanoTime() - start) / 1e9;
                media += result.path("duration").asDouble();
                wall += seconds;
                Counts c1 = match(result.path("breaks"), clip.truth(), 1.0);
                Counts c2 = match(result.path("breaks"), clip.truth(), 2.0);
                within1 = within1.plus(c1);
                within2 = within2.plus(c2);
                System.out.printf("clip %d: %.0f s scanned in %.1f s (%.1fx real time); %d breaks true, %d found;"
                                + " within 1 s: %d right; %s%n",
                        i, result.path("duration").asDouble(), seconds, result.path("duration").asDouble() / seconds,
                        clip.truth().size(), result.path("breaks").size(), c1.truePositives(), result.path("breaks"));
            }
            System.out.printf("speed: %.0f s of media in %.1f s: %.1fx real time (ad:scan in the launcher, decode included)%n",
                    media, wall, media / wall);
            System.out.printf("breaks within 1 s: precision %.2f, recall %.2f, F1 %.2f; within 2 s: precision %.2f,"
                            + " recall %.2f, F1 %.2f%n",
                    within1.precision(), within1.recall(), within1.f1(), within2.precision(), within2.recall(), within2.f1());
            kinglet.close();
            // kinglet ad-scan: a JVM of its own per run, started by the launcher script with its flags (C1
            // only), then the same with C2 allowed, to see what the small-device flags cost here
            double c1 = cli(files, "", media);
            double c2 = cli(files, "-XX:TieredStopAtLevel=4", media);
            System.out.printf("C1 only costs %.0f %% of the speed against C2 (ad-scan)%n", 100 * (1 - c1 / c2));
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs {@code kinglet ad-scan} on all the files at once; prints and returns its speed. */
    private static double cli(List<Path> files, String javaOpts, double media) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("kinglet.script"), "ad-scan"));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("KINGLET_JAR", System.getProperty("kinglet.jar"));
        builder.environment().put("KINGLET_JAVA_OPTS", javaOpts);
        long start = System.nanoTime();
        Process process = builder.start();
        long lines = new String(process.getInputStream().readAllBytes()).lines().count();
        if (process.waitFor() != 0 || lines != files.size()) {
            throw new IllegalStateException("kinglet ad-scan failed (exit " + process.exitValue() + ")");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("kinglet ad-scan%s: %.0f s of media in %.1f s: %.1fx real time (JVM start included)%n",
                javaOpts.isEmpty() ? " (launcher flags)" : " with " + javaOpts, media, seconds, media / seconds);
        return media / seconds;
    }

    /** Each true break matched by at most one found break with both ends within the tolerance. */
    private static Counts match(JsonNode found, List<TestClips.Truth> truth, double tolerance) {
        List<JsonNode> unmatched = new ArrayList<>();
        found.forEach(unmatched::add);
        int hits = 0;
        for (TestClips.Truth t : truth) {
            for (JsonNode f : unmatched) {
                if (Math.abs(f.path("start").asDouble() - t.start()) <= tolerance
                        && Math.abs(f.path("end").asDouble() - t.end()) <= tolerance) {
                    hits++;
                    unmatched.remove(f);
                    break;
                }
            }
        }
        return new Counts(hits, unmatched.size(), truth.size() - hits);
    }
}
