package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.service.forwarding.Diverter;
import kz.btcom.fs.subscriber.CallWaiting;
import kz.btcom.fs.subscriber.ForwardingKind;
import kz.btcom.fs.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Busy and call waiting, terminating side (TS 24.615), after unconditional forwarding: a callee whose line is free
 * is offered the call as usual; one talking on one call, with call waiting subscribed and active, gets the new call
 * with {@code Alert-Info: <urn:alert:service:call-waiting>} (the caller hears ringing as usual); otherwise the
 * callee is busy ("network determined user busy"): forwarding on busy when it is set, else 486.
 *
 * <p>Every call offered is registered in {@link CallsInProgress} until its leg to this callee is left (forwarded
 * away on no reply, failed) or the call ends ({@link LinesInCall}, kept in the call's session).
 */
public final class CallWaitingService implements CallService {

    /** RFC 7462's URN for the call-waiting alert. */
    public static final String CALL_WAITING_ALERT = "<urn:alert:service:call-waiting>";

    private static final Logger log = LoggerFactory.getLogger(CallWaitingService.class);

    private final CallsInProgress calls;
    private final Diverter diverter;

    public CallWaitingService(CallsInProgress calls, Diverter diverter) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.diverter = Objects.requireNonNull(diverter, "diverter");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() != SessionCase.TERMINATING || call.servedSubscriber().isEmpty()
                || call.isSentElsewhere()) {
            return call.proceed();
        }
        Subscriber callee = call.servedSubscriber().get();
        LinesInCall lines = LinesInCall.of(call.call(), calls);
        CallsInProgress.Offer offer = lines.offer(callee.number(), mayWait(callee.services().callWaiting()));
        return switch (offer) {
            case DELIVERED -> ServiceOutcome.proceed(call.leg().withEvents(
                    new LineOccupancy(lines, callee.number(), call.leg().events())));
            case WAITING -> {
                log.info("call {}: {} is in a call: the call waits", call.callId(), callee.number());
                yield ServiceOutcome.proceed(call.leg().withAlertInfo(CALL_WAITING_ALERT).withEvents(
                        new LineOccupancy(lines, callee.number(), call.leg().events())));
            }
            case BUSY -> busy(call, callee);
        };
    }

    private ServiceOutcome busy(CallContext call, Subscriber callee) {
        Optional<ServiceOutcome> forwarded = diverter.divert(call, callee, ForwardingKind.BUSY);
        if (forwarded.isPresent()) {
            log.info("call {}: {} is busy: forwarded on busy", call.callId(), callee.number());
            return forwarded.get();
        }
        log.info("call {}: {} is busy ({} calls in progress): 486", call.callId(), callee.number(),
                calls.callsOf(callee.number()));
        return ServiceOutcome.reject(486, "Busy Here");
    }

    private static boolean mayWait(CallWaiting callWaiting) {
        return callWaiting.subscribed() && callWaiting.active();
    }
}
