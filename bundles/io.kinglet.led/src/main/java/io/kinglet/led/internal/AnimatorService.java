package io.kinglet.led.internal;

import io.kinglet.led.api.Animator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The animator as {@link Animator}, for bundles other than the shell (the web console's LED page). */
@Component
public class AnimatorService implements Animator {

    private final LedAnimator animator;

    @Activate
    public AnimatorService(@Reference LedAnimator animator) {
        this.animator = animator;
    }

    @Override
    public Map<String, Map<String, String>> animations() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        animator.animations()
                .forEach((name, animation) ->
                        all.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(animation.parameters()))));
        return all;
    }

    @Override
    public String playing() {
        return animator.playing();
    }

    @Override
    public void play(String name, List<String> parameters) {
        animator.play(Selection.of(name, parameters));
    }

    @Override
    public void stop() {
        animator.stop();
    }

    @Override
    public int width() {
        return animator.width();
    }

    @Override
    public int height() {
        return animator.height();
    }

    @Override
    public int[] frame() {
        return animator.stats().lastFrame();
    }
}
