package kz.btcom.fs.sip;

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

    private final CallRegistry calls;
    private final CallLanes lanes;
    private final int maxCalls;
    private final long maxQueueingMillis;
    private final int retryAfterSeconds;
    private final AdmissionDecisions decisions;
    private final Congestion congestion;
    private volatile LongSupplier receiveDelayMillis = () -> 0;
    private volatile boolean accepting = true;
    private volatile Runnable onRefused = () -> { };

    Admission(CallRegistry calls, CallLanes lanes, int maxCalls, long maxQueueingMillis, int retryAfterSeconds,
              AdmissionDecisions decisions, Congestion congestion) {
        this.calls = calls;
        this.lanes = lanes;
        this.maxCalls = maxCalls;
        this.maxQueueingMillis = maxQueueingMillis;
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
        return delay > maxQueueingMillis || !congestion.admits(delay);
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

    void stopAccepting() {
        accepting = false;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
