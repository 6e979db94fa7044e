package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One onward leg of a call: the INVITE to one target, its transaction and dialog, where it stands, and the
 * service watching it ({@link CalleeEvents}), which acts through the leg's one {@link CallControl}, made with the
 * leg. A call has one current leg.
 * A redirect leaves the old one behind, and a leg left behind may still speak (a 180 after the redirect, a 200
 * that crosses the CANCEL): it keeps what it takes to be cancelled or hung up on its own, and none of what it says
 * reaches the caller. Runs on the call's lane, like the call, so nothing here needs a lock.
 */
final class CalleeLeg {

    private static final Logger LOG = LoggerFactory.getLogger(CalleeLeg.class);

    private final B2buaCall call;
    private final CallContext ctx;
    private final OnwardLeg plan;
    private final CallerPrivacy privacy;
    private final CallControl control = new Control();
    private final LegTimers timers;
    private ClientTransaction invite;
    private Dialog dialog;
    /** The Call-ID of this leg's own dialog. */
    private String legCallId;
    /** The callee's 2xx, once it answered, until the call is confirmed (then only {@link #answered} says so). */
    private Response answer;
    private boolean answered;
    /** The last reliable provisional response, which the caller's PRACK acknowledges through us. */
    private Response lastReliable;
    /** Any provisional response, 100 included: from now on a CANCEL may go (RFC 3261 9.1). */
    private boolean responded;
    /** A 3xx-6xx, or no answer at all before the transaction gave up: nothing left to cancel. */
    private boolean finalReceived;
    private boolean acked;
    private boolean rang;
    private boolean cancelWhenItSpeaks;
    private boolean cancelSent;
    /** Replaced by another leg: its watcher has no say any more. */
    private boolean left;

    CalleeLeg(B2buaCall call, CallContext ctx, OnwardLeg plan, CallerPrivacy privacy) {
        this.call = call;
        this.ctx = ctx;
        this.plan = plan;
        this.privacy = privacy;
        this.timers = new LegTimers(call.callId, ctx.timers(), task -> ctx.lanes().execute(call.lane, task),
                () -> left || answered || call.isOver(), call::isOver);
    }

    B2buaCall call() {
        return call;
    }

    /** What the services asked this leg to be: target, presentation, diversions, watcher. */
    OnwardLeg plan() {
        return plan;
    }

    /** How the caller's identity goes to this leg, and the bodies from the caller with it. */
    CallerPrivacy privacy() {
        return privacy;
    }

    /** The leg's dialog; null when its INVITE could not even be built into a transaction. */
    Dialog dialog() {
        return dialog;
    }

    String legCallId() {
        return legCallId;
    }

    /** The callee's 2xx; null until it answered. */
    Response answer() {
        return answer;
    }

    boolean isAnswered() {
        return answered;
    }

    /** The last reliable provisional response; null when none came. */
    Response lastReliable() {
        return lastReliable;
    }

    /** The callee's 1xx came reliably (RFC 3262): the caller's PRACK, if any, is for it. */
    void reliableProvisional(Response reliable) {
        lastReliable = reliable;
    }

    /**
     * The callee's 2xx on this leg. False when it is not news: a retransmission (the dialog re-sends our ACK once it
     * has been sent).
     */
    boolean answeredWith(Response response) {
        responded = true;
        if (answered) {
            return false;
        }
        answered = true;
        answer = response;
        return true;
    }

    /** A 3xx-6xx came, or the INVITE transaction gave up: nothing left to cancel. */
    void finalFailure() {
        finalReceived = true;
    }

    /** Sends the INVITE. False when it could not go (the core is not reachable): the leg has then failed. */
    boolean send(Request onward) {
        legCallId = Headers.callId(onward);
        ctx.callKeys().legStarted(legCallId, call.callId); // before the INVITE goes, so that a trace has it too
        ctx.registry().addOnwardLeg(legCallId, call);
        try {
            invite = ctx.provider().getNewClientTransaction(onward);
            if (ctx.onward().retransmitMillis() > 0) {
                invite.setRetransmitTimer(ctx.onward().retransmitMillis());
            }
            invite.setApplicationData(PendingRequest.toCallee(this, PendingRequest.Kind.INVITE, null));
            dialog = invite.getDialog();
            dialog.setApplicationData(call);
            invite.sendRequest();
            return true;
        } catch (Exception e) {
            LOG.info("call {}: the core is not reachable: {}", call.callId, e.getMessage());
            finalFailure();
            return false;
        }
    }

    // ---------------------------------------------------------------- SIP on this leg

    /** Gives up on the callee: CANCEL now if it said anything, else as soon as it does (RFC 3261 9.1). */
    void cancel() {
        if (answered || finalReceived || cancelSent) {
            return;
        }
        if (responded) {
            sendCancel();
        } else {
            cancelWhenItSpeaks = true;
        }
    }

    /** A provisional response came. True when it only served to let the waiting CANCEL go. */
    boolean onProvisional() {
        responded = true;
        if (cancelWhenItSpeaks) {
            cancelWhenItSpeaks = false;
            sendCancel();
            return true;
        }
        return false;
    }

    /** What a leg left behind says: the caller never hears it; an answer nobody wants is hung up. */
    void onResponseAfterLeaving(Response response) {
        int status = response.getStatusCode();
        if (status < 200) {
            onProvisional();
        } else if (status < 300) {
            if (!answered) {
                answered = true;
                answer = response;
                LOG.debug("call {}: a callee left behind answered; hanging up on it", call.callId);
                hangUpUnwanted();
            }
        } else {
            finalReceived = true; // the transaction acknowledges it; a 487 is our CANCEL's doing
        }
    }

    /** ACK then BYE for a 2xx that came after the leg was given up; nobody waits for the BYE's answer. */
    private void hangUpUnwanted() {
        try {
            ack(null);
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction tx = ctx.provider().getNewClientTransaction(bye);
            tx.setApplicationData(PendingRequest.toCallee(this, PendingRequest.Kind.BYE, null));
            dialog.sendRequest(tx);
        } catch (Exception e) {
            LOG.info("call {}: could not hang up on a callee left behind: {}", call.callId, e.toString());
        }
    }

    /** Acknowledges the 2xx, with the caller's ACK body (the answer to a late offer) when there is one. */
    void ack(Request callerAck) throws Exception {
        if (acked || answer == null) {
            return;
        }
        long cseq = ((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        Request ack = dialog.createAck(cseq);
        if (callerAck != null) {
            privacy.copyBody(callerAck, ack);
        }
        dialog.sendAck(ack);
        acked = true;
    }

    /**
     * The caller's ACK went on as ours: the INVITE's transaction, the 2xx and the dialog's copy of the INVITE have
     * nothing more to do with this leg, and go.
     */
    void confirmed() {
        if (invite != null) {
            invite.setApplicationData(null);
            invite = null;
        }
        AckedDialogs.release(dialog);
        answer = null;
        lastReliable = null;
    }

    /** PRACK of a reliable provisional response the caller cannot acknowledge itself. */
    void prack(Response reliable) throws Exception {
        Request prack = dialog.createPrack(reliable);
        ClientTransaction tx = ctx.provider().getNewClientTransaction(prack);
        tx.setApplicationData(PendingRequest.toCallee(this, PendingRequest.Kind.PRACK_OWN, null));
        dialog.sendRequest(tx);
    }

    private void sendCancel() {
        cancelSent = true;
        try {
            Request cancel = invite.createCancel();
            ClientTransaction tx = ctx.provider().getNewClientTransaction(cancel);
            tx.setApplicationData(PendingRequest.toCallee(this, PendingRequest.Kind.CANCEL, null));
            tx.sendRequest();
        } catch (Exception e) {
            LOG.info("call {}: could not cancel the callee's leg: {}", call.callId, e.toString());
        }
        // RFC 3261 9.1: with no final response 64 x T1 after the CANCEL, the INVITE is as good as cancelled. A
        // callee that went silent after its 180 would otherwise hold the call (and its lines) for ever: the
        // INVITE transaction, once it had a provisional response, has no timer of its own.
        ctx.onLaneAfter(call.lane, ctx.onward().timeout(), this::cancelUnanswered);
    }

    private void cancelUnanswered() {
        if (finalReceived || answered) {
            return;
        }
        LOG.info("call {}: the callee's leg sent no final response to the INVITE {} s after our CANCEL; given up",
                call.callId, ctx.onward().timeout().toSeconds());
        finalReceived = true;
        call.calleeSilentAfterCancel(this);
    }

    // ---------------------------------------------------------------- the watcher

    /**
     * Another leg takes over: this one is cancelled (or hung up on, should it answer now), its timers go, and its
     * watcher, unless it also watches the next leg, hears that its part is over.
     */
    void leave(CalleeEvents successor) {
        left = true;
        cancelTimers();
        cancel();
        if (plan.events() != successor) {
            tell("onEnded", CalleeEvents::onEnded);
        }
    }

    /** The call is over: timers go, and the watcher hears of it. */
    void end() {
        cancelTimers();
        tell("onEnded", CalleeEvents::onEnded);
    }

    /** The call is over: its INVITE transaction and dialog, kept by the stack for their timers, no longer lead to it. */
    void detachFromStack() {
        if (invite != null) {
            invite.setApplicationData(null);
        }
        if (dialog != null) {
            dialog.setApplicationData(null);
        }
    }

    void tried() {
        tell("onCalleeTried", events -> events.onCalleeTried(control));
    }

    /** The callee alerts: its watcher hears of it the first time only, and not once it answered. */
    void ringing() {
        if (rang || answered) {
            return;
        }
        rang = true;
        tell("onRinging", events -> events.onRinging(control));
    }

    /** Answered: no redirect can happen any more, so the leg's timers have nothing left to do. */
    void answered() {
        cancelTimers();
        tell("onAnswered", events -> events.onAnswered(control));
    }

    /** The next leg the watcher wants after this one failed with {@code status}; empty when none. */
    Optional<OnwardLeg> failed(int status) {
        cancelTimers();
        try {
            Optional<OnwardLeg> next = plan.events().onCalleeFailed(status, control);
            return next == null ? Optional.empty() : next;
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on the callee's {}", call.callId, status, e);
            return Optional.empty();
        }
    }

    private void tell(String what, Consumer<CalleeEvents> event) {
        try {
            event.accept(plan.events());
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on {}", call.callId, what, e);
        }
    }

    void cancelTimers() {
        timers.cancelAll();
    }

    /** What the leg's watcher acts through: this leg, for as long as it is the call's current one. */
    private final class Control implements CallControl {

        @Override
        public String callId() {
            return call.callId;
        }

        @Override
        public void redirect(OnwardLeg next) {
            call.redirect(CalleeLeg.this, next);
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            return timers.schedule(delay, task);
        }
    }

    @Override
    public String toString() {
        return (plan.targetNumber().orElse("as dialled")) + (answered ? " answered" : "")
                + (finalReceived ? " failed" : "") + (left ? " left" : "");
    }
}
