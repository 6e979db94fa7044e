package kz.btcom.fs.sip;

import java.util.function.LongSupplier;

/**
 * How many new calls a second the server lets in while it is congested: a rate found by trying, additive increase
 * while messages wait less than the target, multiplicative decrease (below what was let in) when they wait longer.
 *
 * <p>Shedding by a hard threshold alone (refuse everything while the oldest message has waited 250 ms, take everything
 * below) swung between the two: the calls let in at full rate while the queue was short came back as 180s, 200s, ACKs
 * and BYEs a moment later, the queue grew past the threshold, every call was refused for a second or two, and so on;
 * at twice the sustainable rate goodput fell to a half. A rate that follows the delay lets in about what the server
 * finishes. Uncongested, the rate grows out of the way (to {@link #UNLIMITED}). Time is injected.
 */
final class Congestion {

    /** How often the rate is revised: a few round trips of a call's set-up, short next to T1 (500 ms). */
    static final long PERIOD_NANOS = 100_000_000L;
    static final double UNLIMITED = 100_000;
    /**
     * Never below: the rate governs only loads above it, where it matters; below it only the hard threshold refuses,
     * as it always did, so that a busy machine's pauses cost an easy load (the functional tests' 100-200 calls/s) no
     * call. A stall starts again from here, not from a trickle.
     */
    static final double MIN_RATE = 200;
    private static final double DECREASE = 0.9;
    /** Fast enough to find the rate again within a second or two after a stall (a cold JIT, a GC pause). */
    private static final double INCREASE = 0.2;
    /** A burst of at most this much of a second's rate at once. */
    private static final double BURST_SECONDS = 0.2;

    private final LongSupplier nanoTime;
    private final long targetMillis;

    private double rate = UNLIMITED;
    private double tokens;
    private long lastRefill;
    private long periodStart;
    private int admittedInPeriod;
    private long worstDelayInPeriod;
    /** The period before waited longer than the target too: one long wait alone (a GC pause) is no congestion. */
    private boolean congestedBefore;

    /** @param targetMillis queueing delay above which the rate comes down, below half of which it goes up */
    Congestion(LongSupplier nanoTime, long targetMillis) {
        this.nanoTime = nanoTime;
        this.targetMillis = targetMillis;
        long now = nanoTime.getAsLong();
        this.lastRefill = now;
        this.periodStart = now;
        this.tokens = burst();
    }

    /** The queueing delay above which the server counts as congested. */
    long targetMillis() {
        return targetMillis;
    }

    /** Whether one more new call may come in now, messages waiting {@code delayMillis} at the oldest. */
    synchronized boolean admits(long delayMillis) {
        long now = nanoTime.getAsLong();
        worstDelayInPeriod = Math.max(worstDelayInPeriod, delayMillis);
        if (now - periodStart >= PERIOD_NANOS) {
            revise(now);
        }
        tokens = Math.min(burst(), tokens + (now - lastRefill) / 1e9 * rate);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        admittedInPeriod++;
        return true;
    }

    private void revise(long now) {
        double seconds = (now - periodStart) / 1e9;
        double admittedRate = admittedInPeriod / seconds;
        boolean congested = worstDelayInPeriod > targetMillis;
        if (congested && congestedBefore) {
            rate = Math.max(MIN_RATE, Math.min(rate, admittedRate) * DECREASE);
        } else if (worstDelayInPeriod * 2 < targetMillis && rate < UNLIMITED) {
            rate = Math.min(UNLIMITED, rate * (1 + INCREASE) + 10);
        }
        congestedBefore = congested;
        periodStart = now;
        admittedInPeriod = 0;
        worstDelayInPeriod = 0;
    }

    private double burst() {
        return Math.max(1, rate * BURST_SECONDS);
    }

    /** New calls a second let in now; {@link #UNLIMITED} when uncongested. */
    synchronized double rate() {
        return rate;
    }
}
