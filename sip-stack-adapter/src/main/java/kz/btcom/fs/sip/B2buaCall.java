package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.call.DialogReference;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.SipIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.function.Predicate;

/**
 * One call through the B2BUA: the caller's leg, the callee's leg, and the rules that keep them in step. This class
 * takes the call's events from the stack, knows where the call stands, and hands each event to the part whose job
 * it is: the onward legs ({@link OnwardLegs}, {@link CalleeResponses}), requests inside the call
 * ({@link InDialogRelay}), the release and its races ({@link CallRelease}), the watches that end a call nobody ends
 * ({@link CallSupervision}), the server's own media ({@link ServerMedia}) and the end report ({@link CallEndReport}).
 * Every method runs on the call's lane, one at a time, so the fields need no locks. Events may arrive in any order
 * (the stack's threads race): each method checks the state rather than assuming the order.
 */
final class B2buaCall {

    private static final Logger LOG = LoggerFactory.getLogger(B2buaCall.class);

    enum State {
        /** The INVITE is in, the services are deciding or the onward leg is trying. */
        SETTING_UP,
        /** The caller got a provisional response with a tag. */
        EARLY,
        /** The caller got the 200; its ACK has not come yet. */
        ANSWERED,
        /** Both legs are up. */
        CONFIRMED,
        /** The server answered the call itself. */
        LOCAL,
        /** One party was moved onto the server's media (a conference), the other's leg released ({@link PartyMove}). */
        MOVED,
        /** Releasing: BYEs are out, waiting for their answers. */
        RELEASING,
        ENDED
    }

    private final CallContext ctx;
    final String callId;
    final int lane;
    final CallerLeg caller;
    private final long arrivalNanos;
    private final OnwardLegs legs;
    private final CalleeResponses calleeResponses;
    private final InDialogRelay inDialog;
    private final CallRelease release;
    private final CallSupervision supervision;
    private final ServerMedia serverMedia;
    private final CallEndReport endReport;

    private State state = State.SETTING_UP;
    private boolean ended;
    /** The caller is gone before an answer (CANCEL, an early BYE, or the server's release): it hears no more. */
    private boolean callerCancelled;
    private CallSetup setup;
    /** Hears the call's INFO, REFER and end; NONE until the services decided (or when they failed). */
    private CallListener listener = CallListener.NONE;
    /** A party being moved, or moved, onto the server's media; null for every other call. */
    private PartyMove move;

    B2buaCall(CallContext ctx, ServerTransaction callerInvite, String incomingTransport, long arrivalNanos) {
        this.ctx = ctx;
        this.caller = new CallerLeg(ctx, callerInvite, incomingTransport);
        this.callId = Headers.callId(caller.request);
        this.lane = ctx.lanes().laneOf(callId);
        this.arrivalNanos = arrivalNanos;
        this.legs = new OnwardLegs(this, ctx);
        this.calleeResponses = new CalleeResponses(this);
        this.inDialog = new InDialogRelay(this, ctx);
        this.release = new CallRelease(this, ctx);
        this.supervision = new CallSupervision(this, ctx);
        this.serverMedia = new ServerMedia(this, ctx);
        this.endReport = new CallEndReport(callId, ctx.clock());
    }

    // ---------------------------------------------------------------- where the call stands, for its parts

    Dialog callerDialog() {
        return caller.dialog;
    }

    boolean isOver() {
        return ended;
    }

    /** Both legs up, or the one left after a move, and not being released: the call's dialogs are worth probing. */
    boolean isUp() {
        return !ended && (state == State.CONFIRMED || state == State.MOVED);
    }

    /** The legs whose parties are still in the call: both, or after a move the party's alone. */
    List<Side> liveSides() {
        return state == State.MOVED ? List.of(move.party) : List.of(Side.CALLER, Side.CALLEE);
    }

    PartyMove partyMove() {
        return move;
    }

    /** Both legs up, and not being released. */
    boolean isConfirmed() {
        return state == State.CONFIRMED && !ended;
    }

    /** The caller has not had a final response yet: neither an answer nor the server's own. */
    boolean isBeforeAnswer() {
        return state == State.SETTING_UP || state == State.EARLY;
    }

    State state() {
        return state;
    }

    void enter(State next) {
        state = next;
    }

    boolean callerGaveUp() {
        return callerCancelled;
    }

    void callerGivesUp() {
        callerCancelled = true;
    }

    CallSetup setup() {
        return setup;
    }

    CallListener listener() {
        return listener;
    }

    /** The onward leg that speaks for the callee now. */
    CalleeLeg currentCallee() {
        return legs.current();
    }

    OnwardLegs legs() {
        return legs;
    }

    CallRelease callRelease() {
        return release;
    }

    CallSupervision supervision() {
        return supervision;
    }

    ServerMedia serverMedia() {
        return serverMedia;
    }

    CallEndReport endReport() {
        return endReport;
    }

    // ---------------------------------------------------------------- set-up

    void start() {
        if (ended) {
            return; // released (shutdown) before the services even saw it
        }
        try {
            setup = ctx.setupReader().read(caller.request);
            CallDecision decision;
            try {
                CallStart start = ctx.handler().onNewCall(setup);
                decision = start.decision();
                listener = start.listener();
            } catch (RuntimeException e) {
                LOG.error("call {}: the services failed; refusing the call", callId, e);
                decision = CallDecision.reject(500, "Server Internal Error");
            }
            if (decision instanceof CallDecision.Reject reject) {
                serverMedia.reject(reject);
            } else if (decision instanceof CallDecision.Answer answer) {
                serverMedia.answer(answer);
            } else {
                legs.start(((CallDecision.Relay) decision).leg());
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not set up: {}", callId, e.toString());
            caller.answer(500, "Server Internal Error", null);
            finish(CallOutcome.FAILED);
        } finally {
            ctx.metrics().inviteHandled(System.nanoTime() - arrivalNanos);
        }
    }

    /**
     * A leg we cancelled never sent its final response: when the call was only waiting for it (the caller gave up),
     * the call is over; a leg left behind for another is nothing to the call.
     */
    void calleeSilentAfterCancel(CalleeLeg leg) {
        if (leg == legs.current() && !ended && (callerCancelled || state == State.RELEASING)) {
            finish(CallOutcome.CANCELLED);
        }
    }

    /** {@link kz.btcom.fs.call.CallControl#redirect} of the leg {@code from}. */
    void redirect(CalleeLeg from, OnwardLeg next) {
        legs.redirect(from, next);
    }

    // ---------------------------------------------------------------- moving a party onto the server's media

    /**
     * {@link CallMover#move}: the party on the far side of the named dialog goes onto the server's
     * media. Only a confirmed call with no other move under way can do it.
     */
    void startMove(DialogReference named, Predicate<SipIdentity> namedParty, LocalMedia media,
                   CallMover.MoveEvents events) {
        Side namedSide = namedSide(named);
        int refusal = namedSide == null || !isConfirmed() || setup == null
                ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST
                : !namedParty.test(namedSide == Side.CALLER ? setup.caller() : setup.called()) ? Response.FORBIDDEN
                : move != null || inDialog.reinviteUnderWay() ? Response.REQUEST_PENDING : 0;
        if (refusal != 0) {
            LOG.info("call {}: cannot move a party ({}): {}", callId, refusal, this);
            media.close();
            events.onFailed(refusal);
            return;
        }
        move = new PartyMove(this, ctx, namedSide.other(), media, events);
        move.start();
    }

    /** A move that failed: the call goes on as it was. */
    void moveEnded(PartyMove failed) {
        if (move == failed) {
            move = null;
        }
    }

    private Side namedSide(DialogReference named) {
        if (named.names(callId, caller.dialog.getLocalTag(), caller.dialog.getRemoteTag())) {
            return Side.CALLER;
        }
        CalleeLeg callee = legs.current();
        Dialog calleeDialog = callee == null ? null : callee.dialog();
        if (calleeDialog != null
                && named.names(callee.legCallId(), calleeDialog.getLocalTag(), calleeDialog.getRemoteTag())) {
            return Side.CALLEE;
        }
        return null;
    }

    // ---------------------------------------------------------------- events from the stack

    void onResponse(PendingRequest pending, Response response) {
        try {
            switch (pending.kind()) {
                case INVITE -> calleeResponses.onInviteResponse(pending.calleeLeg(), response);
                case BYE -> {
                    if (response.getStatusCode() >= 200) {
                        release.byeAnswered(pending);
                    }
                }
                case RELAYED -> inDialog.relayResponse(pending, response);
                case KEEPALIVE -> supervision.onKeepAliveResponse(pending, response.getStatusCode());
                case MOVE -> {
                    if (move != null) {
                        move.onResponse(response);
                    }
                }
                case CANCEL, PRACK_OWN, NOTIFY -> { }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not handle {} to {}: {}", callId, response.getStatusCode(), pending.kind(),
                    e.toString());
        }
    }

    /** A 2xx the stack could not match to a transaction: a retransmission, or one that crossed our CANCEL. */
    void onStrayAnswer(Dialog dialog, Response answer) {
        calleeResponses.onStrayAnswer(dialog, answer);
    }

    void onTimeout(PendingRequest pending) {
        switch (pending.kind()) {
            case INVITE -> calleeResponses.onInviteTimeout(pending.calleeLeg());
            case BYE -> release.byeAnswered(pending);
            case RELAYED -> inDialog.onTimeout(pending);
            case KEEPALIVE -> supervision.onKeepAliveTimeout(pending);
            case MOVE -> {
                if (move != null) {
                    move.onTimeout();
                }
            }
            case CANCEL, PRACK_OWN, NOTIFY -> { }
        }
    }

    void onAck(Dialog dialog, Request ack) {
        Side from = sideOf(dialog);
        if (from == null || state == State.MOVED) {
            return; // on the dialog of a leg left behind, or of our own answer to a moved party's re-INVITE
        }
        if (from == Side.CALLER) {
            supervision.callerAcked();
        }
        try {
            if (from == Side.CALLER && release.byeWaitedForAck()) {
                return;
            }
            if (from == Side.CALLER && state == State.ANSWERED) {
                CalleeLeg callee = legs.current();
                callee.ack(ack);
                state = State.CONFIRMED;
                supervision.confirmed(callee.answer());
                caller.confirmed();
                callee.confirmed();
            } else if (from == Side.CALLER && state == State.LOCAL) {
                serverMedia.onAck(ack);
            } else {
                inDialog.relayAck(from, ack);
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not pass on ACK: {}", callId, e.toString());
        }
    }

    void onCancel(ServerTransaction cancelTx, Request cancel) {
        release.onCancel(cancelTx, cancel);
    }

    void onBye(Dialog dialog, ServerTransaction byeTx, Request bye) {
        release.onBye(sideOf(dialog), byeTx, bye);
    }

    /** re-INVITE, UPDATE, INFO, PRACK, REFER and the rest: passed to the other leg, the answer passed back. */
    void onInDialogRequest(Dialog dialog, ServerTransaction tx, Request request) {
        inDialog.onRequest(sideOf(dialog), tx, request);
    }

    /** Our 200 to the caller was never acknowledged: the caller is gone, so the call is released. */
    void onDialogTimeout() {
        release.onDialogTimeout();
    }

    /** Shutdown: end the call whatever state it is in. */
    void shutDown() {
        release.shutDown();
    }

    // ---------------------------------------------------------------- the two legs

    /** Which of the call's two legs a dialog is; null for the dialog of an onward leg left behind. */
    private Side sideOf(Dialog dialog) {
        if (state == State.MOVED || state == State.RELEASING && move != null && move.isMoved()) {
            return dialog == dialogOf(move.party) ? move.party : null; // the other leg was released by the move
        }
        if (dialog == caller.dialog) {
            return Side.CALLER;
        }
        CalleeLeg callee = legs.current();
        return callee != null && dialog == callee.dialog() ? Side.CALLEE : null;
    }

    Dialog dialogOf(Side side) {
        CalleeLeg callee = legs.current();
        return side == Side.CALLER ? caller.dialog : callee == null ? null : callee.dialog();
    }

    // ---------------------------------------------------------------- the end

    void finish(CallOutcome outcome) {
        if (ended) {
            return;
        }
        ended = true;
        state = State.ENDED;
        ctx.registry().remove(callId);
        if (setup != null && setup.isTerminatingPass()) {
            ctx.metrics().terminatingPassEnded(outcome);
        } else {
            ctx.metrics().callEnded(outcome);
        }
        serverMedia.close();
        if (move != null) {
            move.close();
        }
        ctx.registry().removeOnwardLegs(legs.callIds());
        CalleeLeg callee = legs.current();
        if (callee != null) {
            callee.end();
        }
        supervision.stop();
        if (ctx.callKeys().isKeeping()) {
            ctx.callKeys().callEnded(legs.callIds());
        }
        reportEnd(outcome);
        detachFromStack();
        LOG.debug("call {} ended: {}", callId, outcome);
    }

    /**
     * The stack keeps a finished call's dialogs and INVITE transactions for its own timers, up to 64*T1 = 32 s (a
     * client dialog's "no ACK sent" check is never cancelled; an answered INVITE transaction absorbs retransmitted
     * 2xx that long): hanging from them, the whole call (its legs, requests and the services' state) stayed in the
     * heap as long, some 10 KB a call, promoted by every young collection. Detached, the stack's leftovers are all that
     * waits for those timers. Whatever still arrives on them finds no call and is answered as for one that ended.
     */
    private void detachFromStack() {
        if (caller.dialog != null) {
            caller.dialog.setApplicationData(null);
        }
        if (caller.invite != null) {
            caller.invite.setApplicationData(null);
        }
        legs.detachFromStack();
    }

    /** Tells the services the call is over, once (see {@link CallEndReport}); a call they never saw is not theirs. */
    void reportEnd(CallOutcome outcome) {
        if (setup == null) {
            return;
        }
        endReport.report(listener, outcome, caller.finalStatus(), caller.alertedAt(), caller.answeredAt(),
                legs.finalDiversions());
    }

    /** For logs: which call, where it stands. Read from another thread, so only a best-effort snapshot. */
    @Override
    public String toString() {
        return callId + " " + state + legs + (callerCancelled ? " cancelled" : "") + release;
    }
}
