package kz.btcom.fs.service.forwarding;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.subscriber.Forwarding;
import kz.btcom.fs.subscriber.ForwardingKind;
import kz.btcom.fs.subscriber.Subscriber;

import java.util.Objects;
import java.util.Optional;

/**
 * Call forwarding, terminating side: unconditional forwarding before the callee is alerted; the conditional ones
 * (busy, no reply, not reachable) by a {@link ForwardingWatch} on the callee's leg.
 */
public final class ForwardingService implements CallService {

    private final Diverter diverter;

    public ForwardingService(Diverter diverter) {
        this.diverter = Objects.requireNonNull(diverter, "diverter");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() != SessionCase.TERMINATING || call.servedSubscriber().isEmpty()) {
            return call.proceed();
        }
        Subscriber callee = call.servedSubscriber().get();
        Forwarding forwarding = callee.services().forwarding();
        if (!forwarding.subscribed()) {
            return call.proceed();
        }
        Optional<ServiceOutcome> unconditional = diverter.divert(call, callee, ForwardingKind.UNCONDITIONAL);
        if (unconditional.isPresent()) {
            return unconditional.get();
        }
        if (forwarding.busy().isEmpty() && forwarding.noReply().isEmpty() && forwarding.notReachable().isEmpty()) {
            return call.proceed();
        }
        return ServiceOutcome.proceed(call.leg().withEvents(
                new ForwardingWatch(call, callee, diverter)));
    }
}
