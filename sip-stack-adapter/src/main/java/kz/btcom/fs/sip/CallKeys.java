package kz.btcom.fs.sip;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * Which call a message belongs to, for signalling traces: every leg of a call, the incoming one and each onward one
 * (those left behind by a redirect too), is known by the call's key, the incoming leg's Call-ID that the services
 * know. Only onward legs are kept here; any other Call-ID is its own key.
 *
 * <p>A call's legs are forgotten {@link #LINGER} after it ends, not at once: retransmissions, the 200 to the last BYE
 * and a leg left behind that answers late still belong to it. So the table holds the calls in progress and those
 * that ended in the last half minute, and no more.
 */
final class CallKeys {

    /** 64 x T1: what the stack keeps a finished transaction for, and what a retransmission can arrive within. */
    static final Duration LINGER = Duration.ofSeconds(32);

    /** Without a tap nobody asks, so nothing is kept. */
    static final CallKeys NONE = new CallKeys(false, System::nanoTime);

    private record Ended(long forgetAtNanos, List<String> legCallIds) {
    }

    private final boolean keeping;
    private final LongSupplier nanoTime;
    private final Map<String, String> keyByLegCallId = new ConcurrentHashMap<>();
    /** In the order the calls ended, which is the order they are to be forgotten in (the linger is the same). */
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();

    private CallKeys(boolean keeping, LongSupplier nanoTime) {
        this.keeping = keeping;
        this.nanoTime = nanoTime;
    }

    /** Keeps the keys; the clock says when the linger is over (tests pass their own). */
    static CallKeys keeping(LongSupplier nanoTime) {
        return new CallKeys(true, nanoTime);
    }

    boolean isKeeping() {
        return keeping;
    }

    /** An onward leg is about to send its INVITE: from its first message on, it is known by the call's key. */
    void legStarted(String legCallId, String callKey) {
        if (keeping) {
            keyByLegCallId.put(legCallId, callKey);
        }
    }

    /** The call is over: its onward legs are forgotten once the linger has passed. */
    void callEnded(List<String> legCallIds) {
        if (keeping && !legCallIds.isEmpty()) {
            ended.add(new Ended(nanoTime.getAsLong() + LINGER.toNanos(), List.copyOf(legCallIds)));
        }
    }

    /** The call key of a message with this Call-ID. */
    String keyOf(String callId) {
        String key = keyByLegCallId.get(callId);
        return key == null ? callId : key;
    }

    /** Forgets the legs of calls that ended more than the linger ago; run now and then. */
    void forgetExpired() {
        long now = nanoTime.getAsLong();
        for (Ended next = ended.peek(); next != null && now - next.forgetAtNanos() >= 0; next = ended.peek()) {
            ended.poll();
            next.legCallIds().forEach(keyByLegCallId::remove);
        }
    }

    /** Onward legs known now. */
    int size() {
        return keyByLegCallId.size();
    }
}
