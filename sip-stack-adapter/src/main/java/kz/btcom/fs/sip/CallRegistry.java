package kz.btcom.fs.sip;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls in progress, by the Call-ID of their incoming leg; and the calls the server placed itself, by theirs,
 * apart: an INVITE the core routes back with a placed call's Call-ID is a call of its own.
 */
final class CallRegistry {

    private final ConcurrentHashMap<String, B2buaCall> byIncomingCallId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PlacedCallLeg> placedByCallId = new ConcurrentHashMap<>();
    /** The calls by the Call-IDs of their onward legs: a Replaces may name a dialog on that side (RFC 3891). */
    private final ConcurrentHashMap<String, B2buaCall> byOnwardCallId = new ConcurrentHashMap<>();
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

    /** The call with a leg of this Call-ID, incoming or onward; null when none. */
    B2buaCall withLeg(String callId) {
        B2buaCall call = byIncomingCallId.get(callId);
        return call != null ? call : byOnwardCallId.get(callId);
    }

    void addOnwardLeg(String legCallId, B2buaCall call) {
        byOnwardCallId.put(legCallId, call);
    }

    void removeOnwardLegs(List<String> legCallIds) {
        for (String legCallId : legCallIds) {
            byOnwardCallId.remove(legCallId);
        }
    }

    boolean contains(String callId) {
        return byIncomingCallId.containsKey(callId);
    }

    void remove(String callId) {
        if (byIncomingCallId.remove(callId) != null) {
            inProgress.decrementAndGet();
        }
    }

    void addPlaced(String callId, PlacedCallLeg call) {
        if (placedByCallId.putIfAbsent(callId, call) == null) {
            inProgress.incrementAndGet();
        }
    }

    void removePlaced(String callId) {
        if (placedByCallId.remove(callId) != null) {
            inProgress.decrementAndGet();
        }
    }

    List<PlacedCallLeg> placedSnapshot() {
        return List.copyOf(placedByCallId.values());
    }

    int size() {
        return inProgress.get();
    }

    List<B2buaCall> snapshot() {
        return List.copyOf(byIncomingCallId.values());
    }
}
