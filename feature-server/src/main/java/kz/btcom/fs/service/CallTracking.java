package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.service.callreturn.LastCallers;
import kz.btcom.fs.service.mcid.InCallFlagging;
import kz.btcom.fs.service.waiting.CallsInProgress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * What the services remember of the calls in progress, kept right around the services' handler: the end of every
 * call (the B2BUA reports it exactly once, however the call ended) frees the lines it occupied, notes when the
 * callees' last call ended, and forgets its in-call keys; an INFO from the callee may be the {@code *39#} of
 * malicious-call identification.
 */
public final class CallTracking implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(CallTracking.class);

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

    /**
     * Services that fail still leave the call's bookkeeping to be undone at its end (a service before the failing
     * one may have noted the call), so the failure is the call's refusal here, with the listener that undoes it.
     */
    @Override
    public CallStart onNewCall(CallSetup setup) {
        CallStart start;
        try {
            start = services.onNewCall(setup);
        } catch (RuntimeException e) {
            log.error("call {}: the services failed; refusing the call", setup.callId(), e);
            start = CallStart.of(CallDecision.reject(500, "Server Internal Error"));
        }
        return new CallStart(start.decision(), new TrackedCall(setup, start.listener()));
    }

    /** One call's bookkeeping after its set-up, around what the services hear of it. */
    private final class TrackedCall implements CallListener {
        private final CallSetup setup;
        private final CallListener services;

        TrackedCall(CallSetup setup, CallListener services) {
            this.setup = setup;
            this.services = services;
        }

        @Override
        public void onEnded(CallEnd end) {
            try {
                services.onEnded(end);
            } finally {
                calls.ended(setup.callId());
                lastCallers.ended(setup.callId(), end.endedAt());
                flagging.ended(setup.callId());
            }
        }

        @Override
        public boolean onInfo(CallParty from, String contentType, String body) {
            return flagging.onInfo(setup, from, contentType, body) || services.onInfo(from, contentType, body);
        }

        @Override
        public ReferDecision onRefer(CallParty from, ReferRequest refer) {
            return services.onRefer(from, refer);
        }
    }
}
