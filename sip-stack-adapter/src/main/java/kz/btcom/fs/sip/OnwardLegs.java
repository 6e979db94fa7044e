package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.OnwardLeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.Dialog;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The callee's side of one call: the onward legs it tried one after another (forwarding), which one speaks for the
 * callee now, and how the next one is started, when the services redirect the call or name the next leg after a
 * failure. Runs on the call's lane.
 */
final class OnwardLegs {

    private static final Logger LOG = LoggerFactory.getLogger(OnwardLegs.class);

    /** Onward legs one call may try: above the services' own limit of diversions, far below a loop's appetite. */
    private static final int MAX_LEGS = 10;

    private final B2buaCall call;
    private final CallContext ctx;
    /** The onward leg that speaks for the callee now; null when the call was never relayed. */
    private CalleeLeg current;
    private final List<CalleeLeg> earlier = new ArrayList<>(0);
    private boolean toldForwarded;
    private int diversionsLogged;

    OnwardLegs(B2buaCall call, CallContext ctx) {
        this.call = call;
        this.ctx = ctx;
    }

    /** The onward leg that speaks for the callee now; null when the call was never relayed. */
    CalleeLeg current() {
        return current;
    }

    /**
     * Sends the INVITE of a new onward leg, always built from the caller's original INVITE, and makes it the
     * current leg; the one before it, if any, is left behind. A leg that cannot even be sent has failed at once.
     */
    void start(OnwardLeg plan) throws Exception {
        CallerLeg caller = call.caller;
        if (caller.request == null) {
            throw new IllegalStateException("call " + call.callId + " is confirmed: no new onward leg");
        }
        CallerPrivacy privacy = CallerPrivacy.of(caller.request, plan.presentation());
        Request onward = ctx.onward().build(caller.request, call.setup().icid(), plan, privacy,
                ctx.onward().transportFor(caller.transport));
        ReplacesPassing.passOn(caller.request, onward, ctx.registry());
        CalleeLeg previous = current;
        CalleeLeg leg = new CalleeLeg(call, ctx, plan, privacy);
        current = leg;
        if (previous != null) {
            earlier.add(previous);
            previous.leave(plan.events());
        }
        if (!leg.send(onward)) {
            failed(leg, Response.REQUEST_TIMEOUT, () -> {
                caller.answer(Response.SERVICE_UNAVAILABLE, "Service Unavailable", null);
                call.finish(CallOutcome.FAILED);
            });
            return;
        }
        logDiversions(plan.diversions());
        if (plan.isForwarded()) {
            tellCallerItIsForwarded();
        }
        leg.tried();
    }

    /**
     * The current leg failed before an answer (3xx-6xx, or 408 for no answer at all). Its watcher may name the
     * next leg, and then the caller never hears of the failure; else {@code tellCaller} relays it as it came.
     */
    void failed(CalleeLeg leg, int status, Runnable tellCaller) {
        Optional<OnwardLeg> next = leg.failed(status);
        if (call.isOver() || current != leg) {
            return; // the watcher redirected from inside the callback
        }
        if (next.isPresent() && mayStartAnother()) {
            try {
                start(next.get());
                return;
            } catch (Exception e) {
                LOG.warn("call {}: could not start the next leg: {}", call.callId, e.toString());
            }
        }
        tellCaller.run();
    }

    /** {@link kz.btcom.fs.call.CallControl#redirect}: only the current leg's watcher, only before the answer. */
    void redirect(CalleeLeg from, OnwardLeg next) {
        if (from != current || call.isOver() || call.callerGaveUp() || from.isAnswered() || !call.isBeforeAnswer()) {
            LOG.debug("call {}: redirect to {} ignored: the leg is over", call.callId, next.targetNumber());
            return;
        }
        if (!mayStartAnother()) {
            return;
        }
        try {
            start(next);
        } catch (Exception e) {
            LOG.warn("call {}: could not redirect: {}", call.callId, e.toString());
        }
    }

    private boolean mayStartAnother() {
        if (earlier.size() + 1 >= MAX_LEGS) {
            LOG.warn("call {}: {} legs tried already; no more", call.callId, MAX_LEGS);
            return false;
        }
        return true;
    }

    /** 181 Call Is Being Forwarded, once per call, the first time a leg with diversions goes out. */
    private void tellCallerItIsForwarded() {
        if (toldForwarded || call.callerGaveUp() || call.isOver() || !call.isBeforeAnswer()) {
            return;
        }
        toldForwarded = true;
        try {
            call.caller.tellForwarded();
            call.enter(B2buaCall.State.EARLY);
        } catch (Exception e) {
            LOG.debug("call {}: could not send 181: {}", call.callId, e.toString());
        }
    }

    /** A leg carries every diversion so far: only the new ones are news. */
    private void logDiversions(List<Diversion> diversions) {
        for (int i = diversionsLogged; i < diversions.size(); i++) {
            Diversion diversion = diversions.get(i);
            LOG.info("call {}: diverted from {} to {} ({})", call.callId, diversion.from(), diversion.to(),
                    diversion.reason().diversionReason());
        }
        diversionsLogged = Math.max(diversionsLogged, diversions.size());
    }

    /** The leg whose dialog this is, current or left behind; null when none is. */
    CalleeLeg legOf(Dialog dialog) {
        if (current != null && current.dialog() == dialog) {
            return current;
        }
        for (CalleeLeg leg : earlier) {
            if (leg.dialog() == dialog) {
                return leg;
            }
        }
        return null;
    }

    /** See {@link B2buaCall}'s: every leg tried lets go of the call. */
    void detachFromStack() {
        for (CalleeLeg leg : earlier) {
            leg.detachFromStack();
        }
        if (current != null) {
            current.detachFromStack();
        }
    }

    /** The Call-IDs of every onward leg the call tried. */
    List<String> callIds() {
        List<String> ids = new ArrayList<>(earlier.size() + 1);
        for (CalleeLeg leg : earlier) {
            ids.add(leg.legCallId());
        }
        if (current != null) {
            ids.add(current.legCallId());
        }
        return ids;
    }

    /** The diversions of the last leg: the call as it was finally offered. */
    List<Diversion> finalDiversions() {
        return current == null ? List.of() : current.plan().diversions();
    }

    /** For logs; read from another thread, so only a best-effort snapshot. */
    @Override
    public String toString() {
        CalleeLeg leg = current;
        return (leg != null ? " callee " + leg : "") + (earlier.isEmpty() ? "" : " legs=" + (earlier.size() + 1));
    }
}
