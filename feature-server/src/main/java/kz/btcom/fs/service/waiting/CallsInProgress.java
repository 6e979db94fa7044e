package kz.btcom.fs.service.waiting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which of our subscribers is in which call right now (TS 24.615: "the server knows who is in a call"), both
 * directions: a subscriber's own outgoing calls from the moment they are placed, and the calls offered to it,
 * ringing or answered. Kept per line, by the subscriber's number: calls run on different lanes and one
 * subscriber's calls may be on several, so every change is one atomic step on that subscriber's entry; the
 * decision to offer a call and its registration are the same step, so two calls arriving at once cannot both find
 * the line free.
 *
 * <p>Which lines a call occupies is the call's own business, kept in its session ({@link LinesInCall}): a call
 * leaves a line when its leg to the subscriber is left (forwarded away, failed) and, whatever else happened, when
 * the call ends: the B2BUA reports the end of every call exactly once (BYE, CANCEL, errors, timeouts, and a lost
 * BYE found by its dialog keep-alive), so no subscriber stays busy after its calls are gone.
 */
public final class CallsInProgress {

    /** What became of a call offered to a subscriber. */
    public enum Offer {
        /** The line had no call: it rings as usual. */
        DELIVERED,
        /** The subscriber is talking on one call and has call waiting: the new call waits. */
        WAITING,
        /** Busy: it has a call ringing, two calls already, or one call and no call waiting. */
        BUSY
    }

    private final ConcurrentHashMap<String, LineCalls> lines = new ConcurrentHashMap<>();

    /** {@code number} is placing call {@code callKey}. */
    public void outgoing(String number, String callKey) {
        lines.compute(number, (n, calls) -> LineCalls.orEmpty(calls).with(new LineCall(callKey, true, true)));
    }

    /**
     * Offers call {@code callKey} to {@code number}: delivered when the line is free; waiting when it is in exactly
     * one call that is talking (answered, or its own outgoing call) and {@code mayWait}; else busy, and then the call
     * is not registered. Decided and registered in one step.
     */
    public Offer offer(String number, String callKey, boolean mayWait) {
        AtomicReference<Offer> offer = new AtomicReference<>();
        lines.compute(number, (n, existing) -> {
            LineCalls calls = LineCalls.orEmpty(existing);
            if (calls.contains(callKey)) {
                offer.set(Offer.DELIVERED); // the same call offered again (a forwarding back to a leg of its own)
                return calls;
            }
            Offer decided = calls.isEmpty() ? Offer.DELIVERED
                    : mayWait && calls.size() == 1 && calls.only().talking() ? Offer.WAITING : Offer.BUSY;
            offer.set(decided);
            return decided == Offer.BUSY ? existing : calls.with(new LineCall(callKey, false, false));
        });
        return offer.get();
    }

    /** The subscriber answered call {@code callKey}: from now on it is talking on it. */
    public void answered(String number, String callKey) {
        lines.computeIfPresent(number, (n, calls) -> calls.answered(callKey));
    }

    /** Call {@code callKey} no longer occupies {@code number}: its leg was left, or the call ended. */
    public void left(String number, String callKey) {
        lines.computeIfPresent(number, (n, calls) -> calls.without(callKey));
    }

    /** How many calls {@code number} is in. */
    public int callsOf(String number) {
        LineCalls calls = lines.get(number);
        return calls == null ? 0 : calls.size();
    }

    /** Whether call {@code callKey} still occupies {@code number}. */
    public boolean isIn(String number, String callKey) {
        LineCalls calls = lines.get(number);
        return calls != null && calls.contains(callKey);
    }

    /** Subscribers in at least one call: the gauge that must fall back to 0 when the traffic stops. */
    public int busySubscribers() {
        return lines.size();
    }

    /** One call on a line. @param talking the subscriber is off-hook on it: its own call, or one it answered */
    private record LineCall(String callKey, boolean outgoing, boolean talking) {
    }

    /** A line's calls, immutable: each change makes a new one inside the map's atomic compute. */
    private record LineCalls(List<LineCall> calls) {

        private static final LineCalls EMPTY = new LineCalls(List.of());

        static LineCalls orEmpty(LineCalls calls) {
            return calls == null ? EMPTY : calls;
        }

        boolean isEmpty() {
            return calls.isEmpty();
        }

        int size() {
            return calls.size();
        }

        LineCall only() {
            return calls.get(0);
        }

        boolean contains(String callKey) {
            return calls.stream().anyMatch(c -> c.callKey().equals(callKey));
        }

        LineCalls with(LineCall call) {
            if (contains(call.callKey())) {
                return this;
            }
            List<LineCall> more = new ArrayList<>(calls);
            more.add(call);
            return new LineCalls(List.copyOf(more));
        }

        LineCalls answered(String callKey) {
            return new LineCalls(calls.stream()
                    .map(c -> c.callKey().equals(callKey) ? new LineCall(callKey, c.outgoing(), true) : c)
                    .toList());
        }

        /** Null when no call is left: the map then drops the line, and an idle line costs nothing. */
        LineCalls without(String callKey) {
            List<LineCall> rest = calls.stream().filter(c -> !c.callKey().equals(callKey)).toList();
            return rest.isEmpty() ? null : new LineCalls(rest);
        }
    }

    @Override
    public String toString() {
        return "CallsInProgress" + Map.copyOf(lines);
    }
}
