package kz.btcom.fs.service.forwarding;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.subscriber.ForwardingKind;
import kz.btcom.fs.subscriber.Subscriber;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Conditional forwarding of one callee's leg, as a state machine on the call's lane (TS 24.604):
 * <ul>
 * <li>busy: the callee's 486 (or 600) sends the call to the busy target;</li>
 * <li>no reply: the subscriber's timer starts at the callee's 180 (not at 181, 183 or early media: only alerting
 *     means a person could answer); when it runs out the callee's leg is cancelled and the call goes on;</li>
 * <li>not reachable: 408, 480, 500, 503 or 504 before alerting, or the INVITE never answered (408);
 *     after alerting a 408 or 480 is no reply when that is set.</li>
 * </ul>
 * The first of these that happens is the only one: the timer stops on answer and on any final response, so a call
 * is never forwarded twice from the same leg.
 */
final class ForwardingWatch implements CalleeEvents {

    private static final Set<Integer> BUSY = Set.of(486, 600);
    private static final Set<Integer> NOT_REACHABLE = Set.of(408, 480, 500, 503, 504);

    /** The call as this callee's services saw it, on the leg this watches. */
    private final CallContext call;
    private final Subscriber callee;
    private final Diverter diverter;
    private boolean rang;
    private boolean settled;
    private CallControl.Timer noReplyTimer;

    ForwardingWatch(CallContext call, Subscriber callee, Diverter diverter) {
        this.call = call;
        this.callee = callee;
        this.diverter = diverter;
    }

    @Override
    public void onRinging(CallControl call) {
        if (rang || settled) {
            return;
        }
        rang = true;
        if (callee.services().forwarding().noReply().isPresent()) {
            Duration timeout = Duration.ofSeconds(callee.services().forwarding().noReplySeconds());
            noReplyTimer = call.schedule(timeout, () -> noReply(call));
        }
    }

    private void noReply(CallControl call) {
        if (settled) {
            return;
        }
        Optional<OnwardLeg> next = next(ForwardingKind.NO_REPLY);
        if (next.isPresent()) {
            settled = true;
            call.redirect(next.get());
        }
    }

    @Override
    public void onAnswered(CallControl call) {
        settle();
    }

    @Override
    public Optional<OnwardLeg> onCalleeFailed(int status, CallControl call) {
        if (settled) {
            return Optional.empty();
        }
        settle();
        if (BUSY.contains(status)) {
            return next(ForwardingKind.BUSY);
        }
        if (NOT_REACHABLE.contains(status)) {
            boolean unanswered = rang && (status == 408 || status == 480);
            if (unanswered && callee.services().forwarding().noReply().isPresent()) {
                return next(ForwardingKind.NO_REPLY);
            }
            return next(ForwardingKind.NOT_REACHABLE);
        }
        return Optional.empty();
    }

    @Override
    public void onEnded() {
        settle();
    }

    private void settle() {
        settled = true;
        if (noReplyTimer != null) {
            noReplyTimer.cancel();
            noReplyTimer = null;
        }
    }

    /** The leg to the target, when this forwarding is to be done and ends in a call to make. */
    private Optional<OnwardLeg> next(ForwardingKind kind) {
        return diverter.divert(call, callee, kind)
                .filter(ServiceOutcome.Continue.class::isInstance)
                .map(outcome -> ((ServiceOutcome.Continue) outcome).leg());
    }
}
