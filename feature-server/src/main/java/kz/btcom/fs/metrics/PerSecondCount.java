package kz.btcom.fs.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Events per second: how many came in the last whole second, for a gauge (a scrape every few seconds shows the rate
 * now, not an average since start). Lock-free: any number of threads count at once; a second's count is swapped
 * out by whichever event first falls in the next second (an event racing that swap may count in the second before:
 * a gauge, not a ledger).
 */
final class PerSecondCount {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    /** The second being counted (nanoTime / 1 s), and its count so far. */
    private final AtomicLong second;
    private final AtomicLong counting = new AtomicLong();
    /** The whole second before it. */
    private volatile long lastSecond;
    private volatile long lastCount;

    PerSecondCount(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.second = new AtomicLong(nanoTime.getAsLong() / NANOS_PER_SECOND);
    }

    void count() {
        roll(nanoTime.getAsLong() / NANOS_PER_SECOND);
        counting.incrementAndGet();
    }

    /** Events in the last whole second; 0 when that second had none (or is long gone). */
    long lastSecond() {
        long now = nanoTime.getAsLong() / NANOS_PER_SECOND;
        roll(now);
        return lastSecond == now - 1 ? lastCount : 0;
    }

    private void roll(long now) {
        long counted = second.get();
        if (now > counted && second.compareAndSet(counted, now)) {
            lastCount = counting.getAndSet(0);
            lastSecond = counted;
        }
    }
}
