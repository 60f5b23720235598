package io.kinglet.led.animations.internal;

import static io.kinglet.led.animations.internal.TestCanvas.start;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kinglet.led.api.Playback;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering runs up to 60 times a second on a small device: it must not feed the garbage collector. */
class AllocationTest {

    private static final int FRAMES = 10_000;

    @Test
    void renderingAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Map<String, Playback> playbacks = Map.of(
                "solid", start(new Solid(), 8, 8),
                "rainbow", start(new Rainbow(), 8, 8),
                "pulse", start(new Pulse(), 8, 8),
                "text", start(new Text(), 8, 8, "text", "Hello, world! 42%"),
                "progress", start(new Progress(), 8, 8, "percent", "42.5"),
                "status ok", start(new Status(), 8, 8),
                "status warn", start(new Status(), 8, 8, "state", "warn"),
                "status busy", start(new Status(), 8, 8, "state", "busy"));
        TestCanvas canvas = new TestCanvas(8, 8);

        playbacks.forEach((name, playback) -> {
            render(playback, canvas); // warm-up
            long before = threads.getCurrentThreadAllocatedBytes();
            render(playback, canvas);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1024, name + " allocated " + allocated + " bytes in " + FRAMES + " frames");
        });
    }

    private static void render(Playback playback, TestCanvas canvas) {
        for (int frame = 0; frame < FRAMES; frame++) {
            playback.render(canvas, frame, frame * 16_666_667L);
        }
    }
}
