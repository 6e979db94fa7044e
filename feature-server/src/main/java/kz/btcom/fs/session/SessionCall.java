package kz.btcom.fs.session;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.sessioncase.ServedCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One call of a {@link CallSession}, and the B2BUA's listener for it: the services add their listeners here while
 * they decide about the call (or later, on the call's lane), and every event the B2BUA reports after the decision
 * reaches them in the order they were added:
 * <ul>
 * <li>callee events ({@link CalleeListener}): each onward leg that goes out, alerting, answer, over every leg the
 *     call has (a forwarding's new leg included), around each leg's own watcher;</li>
 * <li>the end ({@link EndListener}), exactly once, whoever hung up; then the call forgets its listeners;</li>
 * <li>in-dialog INFO ({@link InfoListener}): the first listener that takes it keeps it from the other party;</li>
 * <li>REFER ({@link ReferListener}): relayed unless a listener refuses it or takes it (a conference focus).</li>
 * </ul>
 * A listener that throws is a bug: it is logged, and the other listeners still hear the event (the journal must
 * hear every call's end).
 *
 * <p>Not thread-safe: everything here runs on the call's lane (see {@link CallSession}).
 */
public final class SessionCall implements CallListener {

    private static final Logger log = LoggerFactory.getLogger(SessionCall.class);

    private final CallSession session;
    private final CallSetup setup;
    private List<ServedCase> servedCases = List.of();
    private final List<CalleeListener> calleeListeners = new ArrayList<>(2);
    private final List<EndListener> endListeners = new ArrayList<>(4);
    private List<InfoListener> infoListeners = List.of();
    private List<ReferListener> referListeners = List.of();
    private Map<SessionKey<?>, Object> data = Map.of();
    private boolean ended;

    SessionCall(CallSession session, CallSetup setup) {
        this.session = session;
        this.setup = setup;
    }

    public CallSession session() {
        return session;
    }

    /** The call as it reached the server. */
    public CallSetup setup() {
        return setup;
    }

    public String callId() {
        return setup.callId();
    }

    /** Whose services applied to the call, in the order they ran (empty: nobody served here, or not decided yet). */
    public List<ServedCase> servedCases() {
        return servedCases;
    }

    public void served(List<ServedCase> cases) {
        servedCases = List.copyOf(cases);
    }

    public boolean isEnded() {
        return ended;
    }

    // ------------------------------------------------------------------------------------------- listeners

    public void addCalleeListener(CalleeListener listener) {
        calleeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void addEndListener(EndListener listener) {
        endListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void addInfoListener(InfoListener listener) {
        infoListeners = with(infoListeners, Objects.requireNonNull(listener, "listener"));
    }

    public void addReferListener(ReferListener listener) {
        referListeners = with(referListeners, Objects.requireNonNull(listener, "listener"));
    }

    // ------------------------------------------------------------------------------------------- data

    /**
     * What a service keeps about this call under {@code key}, made by {@code initial} the first time it is asked
     * for. The key's owner decides who else may read it (a service reads another's data only through its type).
     */
    @SuppressWarnings("unchecked")
    public <T> T data(SessionKey<T> key, Supplier<T> initial) {
        Object value = data.get(key);
        if (value == null) {
            value = Objects.requireNonNull(initial.get(), "initial");
            if (data.isEmpty()) {
                data = new HashMap<>(4);
            }
            data.put(key, value);
        }
        return (T) value;
    }

    /** What a service keeps about this call under {@code key}, if it keeps anything. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(SessionKey<T> key) {
        return Optional.ofNullable((T) data.get(key));
    }

    // ------------------------------------------------------------------------------------------- callee side

    /**
     * The leg as it goes out to the callee, watched for the call's callee listeners: they hear that it goes out (now)
     * and what its callee does, before the leg's own watcher; a leg that replaces it (a forwarding's, by the
     * watcher's answer to a failure or by its redirect) is watched the same way.
     */
    public OnwardLeg watch(OnwardLeg leg) {
        for (int i = 0; i < calleeListeners.size(); i++) {
            CalleeListener listener = calleeListeners.get(i);
            guarded("leg", () -> listener.onLeg(leg));
        }
        return leg.withEvents(new WatchedLeg(leg.events(), this));
    }

    /** The leg as the services left it, without the watch {@link #watch} put on it (for logs and tests). */
    public static OnwardLeg asTheServicesLeftIt(OnwardLeg leg) {
        return leg.events() instanceof WatchedLeg watched ? leg.withEvents(watched.watcher()) : leg;
    }

    void ringing() {
        for (int i = 0; i < calleeListeners.size(); i++) {
            CalleeListener listener = calleeListeners.get(i);
            guarded("ringing", listener::onRinging);
        }
    }

    void answered() {
        for (int i = 0; i < calleeListeners.size(); i++) {
            CalleeListener listener = calleeListeners.get(i);
            guarded("answer", listener::onAnswered);
        }
    }

    // ------------------------------------------------------------------------------------------- the B2BUA's events

    @Override
    public void onEnded(CallEnd end) {
        if (ended) {
            log.warn("call {}: ended twice; the second end is ignored", callId());
            return;
        }
        ended = true;
        for (int i = 0; i < endListeners.size(); i++) {
            EndListener listener = endListeners.get(i);
            guarded("end", () -> listener.onEnded(end));
        }
        // Gone with the call: whatever still refers to this object keeps none of the services' state alive.
        calleeListeners.clear();
        endListeners.clear();
        infoListeners = List.of();
        referListeners = List.of();
        data = Map.of();
    }

    @Override
    public boolean onInfo(CallParty from, String contentType, String body) {
        for (InfoListener listener : infoListeners) {
            try {
                if (listener.onInfo(from, contentType, body)) {
                    return true;
                }
            } catch (RuntimeException e) {
                log.error("call {}: an INFO listener failed; the INFO is relayed", callId(), e);
            }
        }
        return false;
    }

    @Override
    public ReferDecision onRefer(CallParty from, ReferRequest refer) {
        for (ReferListener listener : referListeners) {
            try {
                ReferDecision decision = listener.onRefer(from, refer);
                if (decision instanceof ReferDecision.Refuse) {
                    log.info("call {}: REFER from the {} to {} refused: {}", callId(), from, refer.referTo(),
                            decision);
                    return decision;
                }
                if (decision instanceof ReferDecision.Accept) {
                    log.info("call {}: REFER from the {} to {} taken by the server", callId(), from, refer.referTo());
                    return decision;
                }
            } catch (RuntimeException e) {
                log.error("call {}: a REFER listener failed; the REFER is relayed", callId(), e);
            }
        }
        log.debug("call {}: REFER from the {} to {}: relayed", callId(), from, refer.referTo());
        return ReferDecision.RELAY;
    }

    private void guarded(String event, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            log.error("call {}: a listener failed on the {}; the others still hear it", callId(), event, e);
        }
    }

    private static <T> List<T> with(List<T> listeners, T listener) {
        List<T> more = new ArrayList<>(listeners.size() + 1);
        more.addAll(listeners);
        more.add(listener);
        return more;
    }

    @Override
    public String toString() {
        return "SessionCall[" + callId() + "]";
    }
}
