package io.kinglet.led.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pacing on absolute deadlines, and the fallback that keeps the loop running past a faulty animation. */
class FrameLoopTest {

    private static final long PERIOD = 10_000_000L;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final int[] lastWritten = new int[3 * 4];
    private FrameLoop loop;

    private final FrameLoop.Listener listener = new FrameLoop.Listener() {
        @Override
        public void fellBack(String animation, String reason) {
            events.add("fell back from " + animation + ": " + reason);
        }

        @Override
        public void outputFailed(String reason) {
            events.add("output failed: " + reason);
        }

        @Override
        public void outputRecovered() {
            events.add("output recovered");
        }
    };

    private final Output output = new Output() {
        @Override
        public int width() {
            return 2;
        }

        @Override
        public int height() {
            return 2;
        }

        @Override
        public String describe() {
            return "test output";
        }

        @Override
        public void write(int[] rgb) {
            synchronized (lastWritten) {
                System.arraycopy(rgb, 0, lastWritten, 0, rgb.length);
            }
        }

        @Override
        public void close() {}
    };

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    @Test
    void deadlinesStayOnTheGridAndAnOverrunSkipsInsteadOfBursting() {
        long start = 1_000_000_000L;
        assertEquals(start + PERIOD, FrameLoop.nextDeadline(start, start + 3_000_000, PERIOD), "in time");
        // ended 25 ms into a 10 ms frame: frames 1 and 2 are skipped, frame 3 is next, still on the grid
        assertEquals(start + 3 * PERIOD, FrameLoop.nextDeadline(start, start + 25_000_000, PERIOD));
        assertEquals(
                start + PERIOD,
                FrameLoop.nextDeadline(start, start + PERIOD, PERIOD),
                "ending exactly on the next deadline starts that frame at once");
        // nanoTime may be negative: only differences count
        assertEquals(
                Long.MIN_VALUE + 2 * PERIOD,
                FrameLoop.nextDeadline(Long.MIN_VALUE, Long.MIN_VALUE + 15_000_000, PERIOD));
    }

    @Test
    void anAnimationThatThrowsIsReplacedByTheFallbackOnceAndTheLoopGoesOn() throws Exception {
        loop = start();
        loop.play("broken", (canvas, frame, nanos) -> {
            throw new IllegalStateException("divide by zero at frame " + frame);
        });

        await(() -> loop.playing().equals(FrameLoop.FALLBACK_NAME));
        long frames = loop.stats().frames();
        await(() -> loop.stats().frames() > frames + 5);

        assertEquals(
                List.of(
                        "fell back from broken: threw 3 times in a row, last: java.lang.IllegalStateException: divide by zero at frame 2"),
                events);
        assertEquals(1, loop.stats().fallbacks());
        synchronized (lastWritten) {
            assertEquals(24, lastWritten[0], "the fallback's dim red reaches the output");
        }
    }

    @Test
    void anAnimationThatOverrunsItsFrameRepeatedlyIsReplacedButOneSlowFrameIsTolerated() throws Exception {
        loop = start();
        int[] rendered = {0};
        loop.play("slow-once", (canvas, frame, nanos) -> {
            if (frame == 1) {
                sleep(3 * PERIOD);
            }
            rendered[0]++;
        });
        await(() -> rendered[0] > 10);
        assertEquals(List.of(), events);
        assertTrue(
                loop.stats().skipped() >= 2,
                "the slow frame's successors were skipped: " + loop.stats().skipped());

        loop.play("slow", (canvas, frame, nanos) -> sleep(2 * PERIOD));
        await(() -> loop.playing().equals(FrameLoop.FALLBACK_NAME));
        assertEquals(1, events.size());
        assertTrue(
                events.get(0).startsWith("fell back from slow: took longer than a frame (10000 µs) 3 times in a row"),
                events.get(0));
    }

    @Test
    void aNewAnimationStartsAtFrameZeroOnACleanCanvas() throws Exception {
        loop = start();
        loop.play("white", (canvas, frame, nanos) -> canvas.fill(255, 255, 255));
        await(() -> lastWritten[0] == 255);
        long[] first = {-1};
        loop.play("one pixel", (canvas, frame, nanos) -> {
            if (first[0] < 0) {
                first[0] = frame;
            }
            canvas.set(1, 1, 0, 0, 255);
        });
        await(() -> loop.playing().equals("one pixel") && lastWritten[11] == 255);
        synchronized (lastWritten) {
            assertEquals(0, lastWritten[0], "the previous animation's pixels are gone");
        }
        assertEquals(0, first[0]);
    }

    private FrameLoop start() {
        FrameLoop l = new FrameLoop(new ColorPipeline(2, 2, 0, 100, 1.0), output, 100, 3, listener);
        l.start();
        return l;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s");
            Thread.sleep(5);
        }
    }
}
