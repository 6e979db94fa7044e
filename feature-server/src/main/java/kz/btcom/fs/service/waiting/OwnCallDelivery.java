package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The terminating side of a call the server placed itself (a wake-up call, a line test) coming back to its callee:
 * it reaches a free line, and a line in a call is busy (486) — never a waiting call, never forwarded. A line it
 * reaches is in a call from then on, as with any call offered to it.
 */
public final class OwnCallDelivery implements CallService {

    private static final Logger log = LoggerFactory.getLogger(OwnCallDelivery.class);

    private final CallsInProgress calls;

    public OwnCallDelivery(CallsInProgress calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() != SessionCase.TERMINATING || call.servedSubscriber().isEmpty()) {
            return call.proceed();
        }
        Subscriber callee = call.servedSubscriber().get();
        LinesInCall lines = LinesInCall.of(call.call(), calls);
        if (lines.offer(callee.number(), false) == CallsInProgress.Offer.BUSY) {
            log.info("call {}: the server's own call to {}, who is in a call: 486", call.callId(), callee.number());
            return ServiceOutcome.reject(486, "Busy Here");
        }
        return ServiceOutcome.proceed(call.leg().withEvents(
                new LineOccupancy(lines, callee.number(), call.leg().events())));
    }
}
