package kz.btcom.fs.sip;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether a new call may come in: not while shutting down, not above the configured calls in progress, not
 * while messages wait too long to be handled (the stack's receive queue or the call lanes are backed up), and while
 * they wait longer than they should, only at the rate {@link Congestion} finds the server keeps up with; so that
 * overload sheds new calls instead of delaying every call into a storm of retransmissions.
 * The stack instantiates {@link AdmissionValve} by class name, so it finds this object by the stack's name.
 */
final class Admission {

    private static final Map<String, Admission> BY_STACK = new ConcurrentHashMap<>();

    private static final long NOT_OVER = Long.MIN_VALUE;

    private final CallRegistry calls;
    private final CallLanes lanes;
    private final int maxCalls;
    private final long maxQueueingMillis;
    private final LongSupplier nanoTime;
    private final long sustainedNanos;
    /** Since when (nanoTime) every new call found messages waiting longer than the hard limit; NOT_OVER: none did. */
    private volatile long overLimitSince = NOT_OVER;
    private final int retryAfterSeconds;
    private final AdmissionDecisions decisions;
    private final Congestion congestion;
    private volatile LongSupplier receiveDelayMillis = () -> 0;
    private volatile boolean accepting = true;
    private volatile Runnable onRefused = () -> { };

    /**
     * @param maxQueueingMillis the hard limit: new calls are refused once messages have waited longer than this for
     *                          {@code sustained} in a row
     * @param sustained         how long the wait must stay above the hard limit before it refuses: a stall of a
     *                          loaded machine (a GC pause, the JIT, a neighbour's burst) drains in a moment once it
     *                          ends, and the calls that arrived during it are no overload to refuse; an overload keeps
     *                          the queue long
     */
    Admission(CallRegistry calls, CallLanes lanes, int maxCalls, long maxQueueingMillis, Duration sustained,
              LongSupplier nanoTime, int retryAfterSeconds, AdmissionDecisions decisions, Congestion congestion) {
        this.calls = calls;
        this.lanes = lanes;
        this.maxCalls = maxCalls;
        this.maxQueueingMillis = maxQueueingMillis;
        this.sustainedNanos = sustained.toNanos();
        this.nanoTime = nanoTime;
        this.retryAfterSeconds = retryAfterSeconds;
        this.decisions = decisions;
        this.congestion = congestion;
    }

    /** Told once per refused call (not per retransmission of its INVITE): the metrics. */
    void onRefused(Runnable listener) {
        this.onRefused = listener;
    }

    AdmissionDecisions decisions() {
        return decisions;
    }

    /**
     * The decision for one arrival of an initial INVITE: judged the first time its transaction (Call-ID, top Via
     * branch) is seen, the same answer for every retransmission. A call refused is counted here, once.
     */
    AdmissionDecisions.Verdict admit(String callId, String branch) {
        AdmissionDecisions.Verdict verdict = decisions.decide(callId, branch, () -> refusesNewCall(callId));
        if (verdict == AdmissionDecisions.Verdict.REFUSED) {
            onRefused.run();
        }
        return verdict;
    }

    /** The stack's receive queue exists only once its listening points do. */
    void watchReceiveDelay(LongSupplier delayMillis) {
        this.receiveDelayMillis = delayMillis;
    }

    static void register(String stackName, Admission admission) {
        BY_STACK.put(stackName, admission);
    }

    static void unregister(String stackName) {
        BY_STACK.remove(stackName);
    }

    static Admission of(String stackName) {
        return BY_STACK.get(stackName);
    }

    /** The judgement itself: true when a new call (not one already taken) must be refused with 503 now. */
    boolean refusesNewCall(String callId) {
        if (calls.contains(callId)) {
            return false;
        }
        if (!accepting || calls.size() >= maxCalls) {
            return true;
        }
        long delay = Math.max(lanes.oldestWaitMillis(), receiveDelayMillis.getAsLong());
        return overLimitLongEnough(delay) || !congestion.admits(delay);
    }

    /** Whether messages have waited longer than the hard limit for every new call of the last {@code sustained}. */
    private boolean overLimitLongEnough(long delayMillis) {
        if (delayMillis <= maxQueueingMillis) {
            overLimitSince = NOT_OVER;
            return false;
        }
        long now = nanoTime.getAsLong();
        long since = overLimitSince;
        if (since == NOT_OVER) {
            overLimitSince = now;
            since = now;
        }
        return now - since >= sustainedNanos;
    }

    /**
     * Whether a call the server places itself may go now: taking calls, below the cap, and messages waiting no
     * longer than the congestion target. Asked without consuming anything of the congestion's rate: a placed call
     * is not admitted, it is held back.
     */
    boolean hasRoomForOwnCall() {
        if (!accepting || calls.size() >= maxCalls) {
            return false;
        }
        return Math.max(lanes.oldestWaitMillis(), receiveDelayMillis.getAsLong()) <= congestion.targetMillis();
    }

    /** How long the oldest message waiting in a call lane has waited, ms (0 when none waits). */
    long laneQueueingMillis() {
        return lanes.oldestWaitMillis();
    }

    /** How long the oldest datagram waiting in the UDP receive queue has waited, ms (0 when none, or unknown). */
    long receiveQueueingMillis() {
        return receiveDelayMillis.getAsLong();
    }

    void stopAccepting() {
        accepting = false;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
