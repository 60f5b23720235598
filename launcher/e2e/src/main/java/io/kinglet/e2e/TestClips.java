package io.kinglet.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Clips for the ad-break detector, made with ffmpeg as a broadcast is put together: programme (a test
 * pattern panned like a camera, the station's logo in the top right corner over it, moderate audio), adverts (other patterns, no logo,
 * louder audio), black-and-silent separators. The truth is known by construction.
 */
public final class TestClips {

    /** One piece of a clip. */
    public record Segment(String video, String audio, double seconds, boolean advert) {}

    /** A break as built: from the first separator or advert to the end of the last. */
    public record Truth(double start, double end) {}

    private static final String SIZE = "480x270";
    /** The logo: a white plate with a red mark, drawn over everything else. */
    public static final String LOGO =
            "drawbox=x=404:y=14:w=56:h=30:color=white:t=fill,drawbox=x=414:y=20:w=36:h=18:color=red:t=fill";

    private final List<Segment> segments = new ArrayList<>();

    public static TestClips clip() {
        return new TestClips();
    }

    /** Programme: a moving pattern, {@code effects} applied under the logo (fade, darkness). */
    public TestClips programme(double seconds, String effects) {
        // a camera that pans: nothing of the programme itself stays put, only the logo drawn over it
        String video = "testsrc2=s=640x360:r=25:d=" + seconds + ",crop=480:270:x='80+80*sin(t/3)':y='45+45*sin(t/4)'"
                + (effects.isEmpty() ? "" : "," + effects) + "," + LOGO;
        segments.add(new Segment(video, "sine=f=330:r=48000:d=" + seconds + ",volume=0.08", seconds, false));
        return this;
    }

    public TestClips programme(double seconds) {
        return programme(seconds, "");
    }

    /** The programme fading to black and back in {@code seconds}, the logo staying on screen. */
    public TestClips dipToBlack(double seconds) {
        double half = seconds / 2;
        return programme(half, "fade=t=out:st=0:d=" + Math.min(1, half))
                .programme(half, "fade=t=in:st=" + Math.max(0, half - 1) + ":d=" + Math.min(1, half));
    }

    /** An advert: pattern number {@code n} (no logo), louder audio. */
    public TestClips advert(double seconds, int n) {
        String[] patterns = {
            "smptebars=s=" + SIZE + ":r=25:d=" + seconds + ",hue=H=2*PI*t/3",
            "mandelbrot=s=" + SIZE + ":r=25,trim=duration=" + seconds,
            "rgbtestsrc=s=" + SIZE + ":r=25:d=" + seconds + ",rotate=PI*t/4",
            "life=s=" + SIZE + ":r=25:mold=10:ratio=0.2,trim=duration=" + seconds
        };
        segments.add(new Segment(
                patterns[n % patterns.length] + ",format=yuv420p",
                "sine=f=" + (600 + 100 * n) + ":r=48000:d=" + seconds + ",volume=0.5",
                seconds,
                true));
        return this;
    }

    /** Black and silent, as between adverts and around a break. */
    public TestClips black(double seconds) {
        segments.add(new Segment(
                "color=c=black:s=" + SIZE + ":r=25:d=" + seconds,
                "anullsrc=r=48000:cl=mono,atrim=duration=" + seconds,
                seconds,
                false));
        return this;
    }

    /**
     * The breaks by construction: each run of adverts, widened to the black separators on either side
     * of it.
     */
    public List<Truth> truth() {
        List<Truth> truth = new ArrayList<>();
        double t = 0;
        Double start = null;
        double end = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean black = s.video().startsWith("color=c=black");
            boolean besideAdvert =
                    (i + 1 < segments.size() && segments.get(i + 1).advert())
                            || (i > 0 && segments.get(i - 1).advert());
            if (s.advert() || (black && besideAdvert)) {
                if (start == null) {
                    start = t;
                }
                end = t + s.seconds();
            } else if (start != null) {
                truth.add(new Truth(start, end));
                start = null;
            }
            t += s.seconds();
        }
        if (start != null) {
            truth.add(new Truth(start, end));
        }
        return truth;
    }

    public double duration() {
        return segments.stream().mapToDouble(Segment::seconds).sum();
    }

    /** Encodes the clip as H.264 with AAC audio, as a capture or a download would be. */
    public Path write(Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        StringBuilder concat = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            command.addAll(List.of("-f", "lavfi", "-i", segments.get(i).video()));
            command.addAll(List.of("-f", "lavfi", "-i", segments.get(i).audio()));
            concat.append(String.format(Locale.ROOT, "[%d:v]setsar=1,format=yuv420p[v%d];", 2 * i, i));
            concat.append(String.format(
                    Locale.ROOT, "[%d:a]aformat=sample_rates=48000:channel_layouts=mono[a%d];", 2 * i + 1, i));
        }
        for (int i = 0; i < segments.size(); i++) {
            concat.append("[v").append(i).append("][a").append(i).append(']');
        }
        concat.append("concat=n=").append(segments.size()).append(":v=1:a=1[v][a]");
        command.addAll(List.of(
                "-filter_complex",
                concat.toString(),
                "-map",
                "[v]",
                "-map",
                "[a]",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-g",
                "50",
                "-c:a",
                "aac",
                "-b:a",
                "64k",
                file.toString()));
        Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        if (ffmpeg.waitFor() != 0 || !Files.exists(file)) {
            throw new IOException("ffmpeg could not make the clip: " + output);
        }
        return file;
    }
}
