package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;

import java.util.Objects;

/**
 * The last originating service: a call the caller's services let through occupies the caller's line from now on
 * until it ends (a subscriber who is dialling or talking is in a call, and a call to it waits or finds it busy).
 * Feature codes and barred calls never get here.
 */
public final class OutgoingCallRegistration implements CallService {

    private final CallsInProgress calls;

    public OutgoingCallRegistration(CallsInProgress calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() == SessionCase.ORIGINATING && call.servedSubscriber().isPresent()) {
            LinesInCall.of(call.call(), calls).outgoing(call.servedSubscriber().get().number());
        }
        return call.proceed();
    }
}
