package io.kinglet.led.internal;

import io.kinglet.led.api.Animation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code led:*}: list, play and stop animations, set the brightness, see the matrix in the terminal. */
@Component(
        service = LedCommands.class,
        property = {
            "osgi.command.scope=led",
            "osgi.command.function=list",
            "osgi.command.function=play",
            "osgi.command.function=stop",
            "osgi.command.function=brightness",
            "osgi.command.function=show",
            "osgi.command.function=status"
        })
public class LedCommands {

    private final LedAnimator animator;

    @Activate
    public LedCommands(@Reference LedAnimator animator) {
        this.animator = animator;
    }

    @Descriptor("list the animations, their parameters and defaults")
    public String list() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Animation> e : animator.animations().entrySet()) {
            lines.add(e.getKey());
            e.getValue().parameters().forEach((name, about) -> lines.add("    " + name + ": " + about));
        }
        lines.add(animator.animations().size() + " animations; playing: " + describe(animator.playing()));
        return String.join("\n", lines);
    }

    @Descriptor("play an animation, e.g. led:play pulse color=ff0000 period=1")
    public String play(
            @Descriptor("animation name") String name, @Descriptor("key=value parameters") String... parameters) {
        Selection selection = Selection.of(name, Arrays.asList(parameters));
        animator.play(selection);
        return "Playing " + selection;
    }

    @Descriptor("stop the animation: the LEDs go dark")
    public String stop() {
        animator.stop();
        return "Stopped; the LEDs are dark until led:play";
    }

    @Descriptor("show the brightness")
    public String brightness() {
        return "Brightness " + animator.brightness() + " %";
    }

    @Descriptor("set the brightness until the next configuration change")
    public String brightness(@Descriptor("percent, 0..100") int percent) {
        animator.brightness(percent);
        return "Brightness " + percent + " %";
    }

    @Descriptor("draw the frame on the LEDs now in the terminal (24-bit colour)")
    public String show() {
        return TerminalPreview.render(animator.stats().lastFrame(), animator.width(), animator.height()) + "\n"
                + describe(animator.playing()) + " on " + animator.output();
    }

    @Descriptor("what plays, where, at which rate, and any problem")
    public String status() {
        FrameStats stats = animator.stats();
        List<String> lines = new ArrayList<>();
        lines.add("playing:     " + describe(animator.playing()));
        lines.add("output:      " + animator.output());
        lines.add(String.format(
                "frames:      %.0f fps (target %.0f), %d shown, %d skipped, p99 frame %.2f ms, p99 late %.2f ms",
                stats.fps(System.nanoTime()),
                stats.targetFps(),
                stats.frames(),
                stats.skipped(),
                stats.workQuantile(0.99) * 1000,
                stats.latenessQuantile(0.99) * 1000));
        lines.add("brightness:  " + animator.brightness() + " %");
        animator.reactions()
                .forEach(a -> lines.add("reaction:    " + a.describe() + ": " + a.selection() + ", priority "
                        + a.priority() + a.until().map(u -> ", until " + u).orElse(", until its end event")));
        animator.outputProblem().ifPresent(p -> lines.add("PROBLEM:     " + p.what() + " (since " + p.since() + ")"));
        animator.fallback().ifPresent(p -> lines.add("FALLBACK:    " + p.what() + " (at " + p.since() + ")"));
        return String.join("\n", lines);
    }

    private static String describe(String playing) {
        return playing.isEmpty() ? "nothing (dark)" : playing;
    }
}
