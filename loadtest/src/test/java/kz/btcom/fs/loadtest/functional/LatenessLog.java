package kz.btcom.fs.loadtest.functional;

import kz.btcom.fs.media.MixerObserver;

import java.util.Arrays;

/**
 * Every lateness of a measuring window, kept whole (50 a second: a 30 s window is 1,500 numbers), so that its
 * percentiles are exact rather than a histogram's buckets. Recording is synchronized: the mixer may run on more than
 * one media thread, and a lock taken 50 times a second per thread costs nothing.
 */
final class LatenessLog implements MixerObserver {

    private long[] nanos = new long[4096];
    private int count;

    @Override
    public void tickLateness(long latenessNanos) {
        record(latenessNanos);
    }

    synchronized void record(long latenessNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latenessNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The {@code fraction} quantile (nearest rank) in milliseconds; 0 when nothing was recorded. */
    synchronized double quantileMillis(double fraction) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    double maxMillis() {
        return quantileMillis(1.0);
    }
}
