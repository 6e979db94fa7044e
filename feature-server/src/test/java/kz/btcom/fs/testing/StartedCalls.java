package kz.btcom.fs.testing;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import org.opentest4j.AssertionFailedError;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A call handler as a test drives it, call by call: what the B2BUA would tell each call's listener, found again by
 * the call's set-up. (Tests written before each call had a listener of its own read naturally this way.)
 */
public final class StartedCalls {

    private final CallHandler handler;
    private final Map<CallSetup, CallListener> listeners = new ConcurrentHashMap<>();

    public StartedCalls(CallHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** A new call: the handler's decision; its listener is kept for the rest of the call. */
    public CallDecision onNewCall(CallSetup setup) {
        CallStart start = handler.onNewCall(setup);
        listeners.put(setup, start.listener());
        return start.decision();
    }

    /** The B2BUA reports the call's end. */
    public void onCallEnded(CallSetup setup, CallEnd end) {
        listenerOf(setup).onEnded(end);
        listeners.remove(setup);
    }

    /** An INFO in the call: true when the services take it. */
    public boolean onInfo(CallSetup setup, CallParty from, String contentType, String body) {
        return listenerOf(setup).onInfo(from, contentType, body);
    }

    public CallListener listenerOf(CallSetup setup) {
        CallListener listener = listeners.get(setup);
        if (listener == null) {
            throw new AssertionFailedError("the handler never saw the call " + setup.callId());
        }
        return listener;
    }
}
