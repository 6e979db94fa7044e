package kz.btcom.fs.sip;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The admission decision of each INVITE transaction (its Call-ID and top Via branch), taken once and remembered for
 * as long as the caller may retransmit that INVITE: a retransmission gets the same answer, never a second judgement.
 * Before, the original and its retransmission were judged apart, and as load came and went one got 503 and the other
 * was relayed: the caller gave up on the 503 and never acknowledged the relayed call's 200.
 *
 * <p>Decisions are forgotten {@link #REMEMBERED} after they were taken, in the order they were taken (the same span
 * for all), so the table holds the last half minute of INVITEs and no more. The forgetting is done by the INVITEs
 * themselves, at most once a second (no timer of its own, so that the call timers are the calls' alone: a test moves
 * them on fake time). Time is injected.
 */
final class AdmissionDecisions {

    /** 64 x T1: Timer B, the longest a caller retransmits an INVITE (and Timer H, a 503's ACK). */
    static final Duration REMEMBERED = Duration.ofSeconds(32);
    /**
     * At most this many decisions are kept (some 75 MB; 9,000 new INVITEs a second for 32 s): a flood of INVITEs, each
     * with a Call-ID of its own, must not take the heap. Beyond it each copy is judged on its own again, as before.
     */
    static final int DEFAULT_CAPACITY = 300_000;
    private static final long FORGET_EVERY_NANOS = 1_000_000_000L;

    /** What to do with one arrival of an INVITE (or of the ACK for a refusal). */
    enum Verdict {
        /** A new transaction, let in: the one and only call of this INVITE. */
        ADMITTED,
        /** A new transaction, refused: answer 503 and count the call as shed, once. */
        REFUSED,
        /** A retransmission of an INVITE let in: the stack's transaction (or the call) absorbs it. */
        ADMITTED_BEFORE,
        /** A retransmission of a refused INVITE: the same 503 again, counted no more. */
        REFUSED_BEFORE;

        boolean refuses() {
            return this == REFUSED || this == REFUSED_BEFORE;
        }
    }

    /** One transaction's decision; the To tag of its 503, so that every copy of the refusal is the same response. */
    static final class Decision {
        final boolean admitted;
        final String refusalTag;
        final long takenAtNanos;
        private final AtomicBoolean claimed = new AtomicBoolean();

        private Decision(boolean admitted, long takenAtNanos) {
            this.admitted = admitted;
            this.refusalTag = admitted ? null : Tags.newTag();
            this.takenAtNanos = takenAtNanos;
        }
    }

    private record Taken(String key, long atNanos) {
    }

    private final LongSupplier nanoTime;
    private final long rememberNanos;
    private final int capacity;
    private final Map<String, Decision> byTransaction = new ConcurrentHashMap<>();
    private final Queue<Taken> inOrder = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastForgotten;

    AdmissionDecisions(LongSupplier nanoTime, Duration remembered) {
        this(nanoTime, remembered, DEFAULT_CAPACITY);
    }

    AdmissionDecisions(LongSupplier nanoTime, Duration remembered, int capacity) {
        this.nanoTime = nanoTime;
        this.rememberNanos = remembered.toNanos();
        this.capacity = capacity;
        this.lastForgotten = new AtomicLong(nanoTime.getAsLong());
    }

    static String key(String callId, String branch) {
        return callId + ' ' + (branch == null ? "" : branch);
    }

    /**
     * The decision for this INVITE transaction: the one taken before while it is remembered, else {@code refuses}
     * judges it now. Two copies racing on two threads get one judgement between them.
     */
    Verdict decide(String callId, String branch, BooleanSupplier refuses) {
        String key = key(callId, branch);
        Decision known = byTransaction.get(key);
        if (known != null) {
            return known.admitted ? Verdict.ADMITTED_BEFORE : Verdict.REFUSED_BEFORE;
        }
        if (byTransaction.size() >= capacity) {
            return refuses.getAsBoolean() ? Verdict.REFUSED : Verdict.ADMITTED;
        }
        long now = nanoTime.getAsLong();
        boolean[] judgedNow = {false};
        Decision decision = byTransaction.computeIfAbsent(key, k -> {
            judgedNow[0] = true;
            return new Decision(!refuses.getAsBoolean(), now);
        });
        if (judgedNow[0]) {
            inOrder.add(new Taken(key, now));
            forgetExpiredEverySecond(now);
            return decision.admitted ? Verdict.ADMITTED : Verdict.REFUSED;
        }
        return decision.admitted ? Verdict.ADMITTED_BEFORE : Verdict.REFUSED_BEFORE;
    }

    /** The remembered decision of a transaction, or null. */
    Decision of(String callId, String branch) {
        return byTransaction.get(key(callId, branch));
    }

    /** True when this transaction was refused: its ACK (same branch, RFC 3261 17.1.1.3) is for our 503. */
    boolean wasRefused(String callId, String branch) {
        Decision decision = byTransaction.get(key(callId, branch));
        return decision != null && !decision.admitted;
    }

    /**
     * The call of an admitted INVITE is made once: true for the first copy that asks, false for every later one, and
     * false for a refused one. A transaction with no decision (admission was not asked) is claimed now.
     */
    boolean claim(String callId, String branch) {
        String key = key(callId, branch);
        Decision decision = byTransaction.get(key);
        if (decision == null) {
            long now = nanoTime.getAsLong();
            Decision admitted = new Decision(true, now);
            admitted.claimed.set(true);
            if (byTransaction.putIfAbsent(key, admitted) == null) {
                inOrder.add(new Taken(key, now));
                forgetExpiredEverySecond(now);
                return true;
            }
            decision = byTransaction.get(key);
            if (decision == null) {
                return false;
            }
        }
        return decision.admitted && decision.claimed.compareAndSet(false, true);
    }

    /** One thread at a time, once a second at most: the new decisions pay for forgetting the old ones. */
    private void forgetExpiredEverySecond(long now) {
        long last = lastForgotten.get();
        if (now - last >= FORGET_EVERY_NANOS && lastForgotten.compareAndSet(last, now)) {
            forgetExpired();
        }
    }

    /** Forgets the decisions older than the span a caller retransmits in. */
    void forgetExpired() {
        long now = nanoTime.getAsLong();
        for (Taken oldest = inOrder.peek(); oldest != null && now - oldest.atNanos() >= rememberNanos;
             oldest = inOrder.peek()) {
            inOrder.poll();
            long takenAt = oldest.atNanos();
            byTransaction.computeIfPresent(oldest.key(), (k, d) -> d.takenAtNanos == takenAt ? null : d);
        }
    }

    int size() {
        return byTransaction.size();
    }
}
