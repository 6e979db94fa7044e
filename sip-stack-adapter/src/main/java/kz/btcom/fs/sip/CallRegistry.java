package kz.btcom.fs.sip;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The calls in progress, by the Call-ID of their incoming leg. */
final class CallRegistry {

    private final ConcurrentHashMap<String, B2buaCall> byIncomingCallId = new ConcurrentHashMap<>();
    private final AtomicInteger inProgress = new AtomicInteger();

    /** Adds a call unless one with this Call-ID exists; returns the call that is registered. */
    B2buaCall addIfAbsent(String callId, B2buaCall call) {
        B2buaCall existing = byIncomingCallId.putIfAbsent(callId, call);
        if (existing != null) {
            return existing;
        }
        inProgress.incrementAndGet();
        return call;
    }

    B2buaCall get(String callId) {
        return byIncomingCallId.get(callId);
    }

    boolean contains(String callId) {
        return byIncomingCallId.containsKey(callId);
    }

    void remove(String callId) {
        if (byIncomingCallId.remove(callId) != null) {
            inProgress.decrementAndGet();
        }
    }

    int size() {
        return inProgress.get();
    }

    List<B2buaCall> snapshot() {
        return List.copyOf(byIncomingCallId.values());
    }
}
