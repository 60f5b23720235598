package io.kinglet.sensehat.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after a full GC every 10,000 sampling cycles up to {@code args[0]} (default 100,000):
 * the reader keeps only the latest value per quantity, so the column stays flat. Also prints the
 * mean cycle time over the whole run (JIT-compiled after the first few thousand).
 */
public final class SamplingMemory {

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int step = Math.max(1, cycles / 10);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (BenchHat hat = new BenchHat()) {
            System.out.printf("%10s %14s %12s%n", "samples", "heap used KiB", "us/cycle");
            System.out.printf("%10d %14d %12s%n", 0, heapAfterGc(memory) / 1024, "-");
            for (int done = 0; done < cycles; ) {
                long start = System.nanoTime();
                for (int i = 0; i < step && done < cycles; i++, done++) {
                    hat.cycle();
                }
                double micros = (System.nanoTime() - start) / 1000.0 / step;
                System.out.printf("%10d %14d %12.1f%n", done, heapAfterGc(memory) / 1024, micros);
            }
            System.out.printf(
                    "%d quantities kept, %d readings published over %d cycles%n",
                    hat.quantities(), hat.published(), cycles);
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
