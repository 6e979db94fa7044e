package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.service.callreturn.LastCallers;
import kz.btcom.fs.service.mcid.InCallFlagging;
import kz.btcom.fs.service.waiting.CallsInProgress;

import java.util.Objects;

/**
 * What the services remember of the calls in progress, kept right around the services' handler: the end of every
 * call (the B2BUA reports it exactly once, however the call ended) frees the lines it occupied, notes when the
 * callees' last call ended, and forgets its in-call keys; an INFO from the callee may be the {@code *39#} of
 * malicious-call identification.
 */
public final class CallTracking implements CallHandler {

    private final CallHandler services;
    private final CallsInProgress calls;
    private final LastCallers lastCallers;
    private final InCallFlagging flagging;

    public CallTracking(CallHandler services, CallsInProgress calls, LastCallers lastCallers,
                        InCallFlagging flagging) {
        this.services = Objects.requireNonNull(services, "services");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.lastCallers = Objects.requireNonNull(lastCallers, "lastCallers");
        this.flagging = Objects.requireNonNull(flagging, "flagging");
    }

    @Override
    public CallDecision onNewCall(CallSetup setup) {
        return services.onNewCall(setup);
    }

    @Override
    public void onCallEnded(CallSetup setup, CallEnd end) {
        try {
            services.onCallEnded(setup, end);
        } finally {
            calls.ended(setup.callId());
            lastCallers.ended(setup.callId(), end.endedAt());
            flagging.ended(setup.callId());
        }
    }

    @Override
    public boolean onInfo(CallSetup setup, CallParty from, String contentType, String body) {
        return flagging.onInfo(setup, from, contentType, body) || services.onInfo(setup, from, contentType, body);
    }
}
