package kz.btcom.fs.service.waiting;

import kz.btcom.fs.session.SessionCall;
import kz.btcom.fs.session.SessionKey;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lines of ours one call occupies, kept in the call's session: its caller's line from the moment it is placed,
 * and each callee's line it is offered to until that leg is left. The call's end frees every one of them, without
 * looking the call up anywhere. Runs on the call's lane, like everything of its session.
 */
public final class LinesInCall {

    private static final SessionKey<LinesInCall> KEY = SessionKey.named("lines in call");

    private final CallsInProgress lines;
    private final String callKey;
    private final Set<String> occupied = new LinkedHashSet<>(2);
    /** The lines of ours the call is offered to, the latest last. */
    private final List<String> callees = new ArrayList<>(1);

    private LinesInCall(CallsInProgress lines, String callKey) {
        this.lines = lines;
        this.callKey = callKey;
    }

    /** The lines {@code call} occupies; the first time, the call's end is set to free them. */
    public static LinesInCall of(SessionCall call, CallsInProgress lines) {
        return call.data(KEY, () -> {
            LinesInCall occupancy = new LinesInCall(lines, call.callId());
            call.addEndListener(end -> occupancy.freeAll());
            return occupancy;
        });
    }

    /** The lines {@code call} occupies, if any service has marked one. */
    public static Optional<LinesInCall> find(SessionCall call) {
        return call.find(KEY);
    }

    /** The caller's {@code number} places this call. */
    public void outgoing(String number) {
        lines.outgoing(number, callKey);
        occupied.add(number);
    }

    /** Offers this call to {@code number} (see {@link CallsInProgress#offer}); unless busy, it occupies the line. */
    public CallsInProgress.Offer offer(String number, boolean mayWait) {
        CallsInProgress.Offer offer = lines.offer(number, callKey, mayWait);
        if (offer != CallsInProgress.Offer.BUSY) {
            occupied.add(number);
            callees.remove(number);
            callees.add(number);
        }
        return offer;
    }

    /** {@code number} answered this call: it is talking on it from now on. */
    public void answered(String number) {
        lines.answered(number, callKey);
    }

    /** This call's leg to {@code number} is over (forwarded away, failed): the line is free of it. */
    public void left(String number) {
        lines.left(number, callKey);
        occupied.remove(number);
        callees.remove(number);
    }

    /** The subscriber of ours this call is offered to now (its callee, after any forwarding). */
    public Optional<String> callee() {
        return callees.isEmpty() ? Optional.empty() : Optional.of(callees.get(callees.size() - 1));
    }

    private void freeAll() {
        for (String number : occupied) {
            lines.left(number, callKey);
        }
        occupied.clear();
        callees.clear();
    }

    @Override
    public String toString() {
        return "LinesInCall[" + callKey + " " + occupied + "]";
    }
}
