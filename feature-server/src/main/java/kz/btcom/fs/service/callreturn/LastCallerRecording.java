package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;

import java.util.Objects;

/**
 * Terminating side, once unconditional forwarding has had its say: a call that reaches the callee (it rings, waits,
 * or finds the line busy) is the callee's last incoming call, for last-caller return and malicious-call
 * identification. The caller is kept as the network identified it, with whether it restricted its number; a call
 * forwarded away unconditionally never reached this callee and is the target's instead. Its end is noted when the
 * call ends (unless a newer call has become the callee's last one by then).
 */
public final class LastCallerRecording implements CallService {

    private final LastCallers lastCallers;
    private final IncomingCalls incoming;

    public LastCallerRecording(LastCallers lastCallers, IncomingCalls incoming) {
        this.lastCallers = Objects.requireNonNull(lastCallers, "lastCallers");
        this.incoming = Objects.requireNonNull(incoming, "incoming");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() == SessionCase.TERMINATING && call.servedSubscriber().isPresent()
                && !call.isSentElsewhere()) {
            String callee = call.servedSubscriber().get().number();
            lastCallers.record(callee, incoming.describe(call.setup()));
            call.call().addEndListener(end -> lastCallers.ended(callee, call.callId(), end.endedAt()));
        }
        return call.proceed();
    }
}
