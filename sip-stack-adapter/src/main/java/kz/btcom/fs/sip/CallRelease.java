package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * How a call comes down, whoever ends it and whenever: the caller's CANCEL or BYE, the callee's BYE, the server's
 * own release (shutdown, a party gone, no ACK), and the races between them (a CANCEL that crosses the 200, a BYE
 * that overtakes the caller's ACK). The call ends when the BYEs of its own two legs are answered. Runs on the
 * call's lane.
 */
final class CallRelease {

    private static final Logger LOG = LoggerFactory.getLogger(CallRelease.class);

    private final B2buaCall call;
    private final CallContext ctx;
    /** The callee hung up before the caller's ACK: our BYE to the caller goes once the ACK is in (RFC 3261 15). */
    private boolean byeToCallerWaitsForAck;
    private int byesOutstanding;
    /** What the call ends as once its BYEs are answered. */
    private CallOutcome releaseOutcome = CallOutcome.ANSWERED;

    CallRelease(B2buaCall call, CallContext ctx) {
        this.call = call;
        this.ctx = ctx;
    }

    void onCancel(ServerTransaction cancelTx, Request cancel) {
        try {
            cancelTx.sendResponse(ctx.sip().response(Response.OK, cancel, call.caller.toTag));
            if (!call.isBeforeAnswer() || call.callerGaveUp()) {
                return; // too late: the call was answered, or the CANCEL is a retransmission
            }
            call.callerGivesUp();
            call.endReport().releasedBy(CallEnd.Releaser.CALLER);
            call.caller.answer(Response.REQUEST_TERMINATED, "Request Terminated", null);
            cancelCallee();
        } catch (Exception e) {
            LOG.warn("call {}: could not handle CANCEL: {}", call.callId, e.toString());
        }
    }

    void onBye(Side from, ServerTransaction byeTx, Request bye) {
        B2buaCall.State state = call.state();
        try {
            if (from != null && !call.isOver() && state != B2buaCall.State.RELEASING) {
                call.endReport().releasedBy(from == Side.CALLER ? CallEnd.Releaser.CALLER : CallEnd.Releaser.CALLEE);
                if (state == B2buaCall.State.ANSWERED || state == B2buaCall.State.CONFIRMED
                        || state == B2buaCall.State.MOVED) {
                    call.reportEnd(CallOutcome.ANSWERED);
                } else if (state == B2buaCall.State.LOCAL) {
                    call.reportEnd(CallOutcome.ANSWERED_LOCALLY);
                }
            }
            byeTx.sendResponse(ctx.sip().response(Response.OK, bye, null));
            if (from == null) {
                return; // a leg left behind hangs up: it is nothing to the call
            }
            if (state == B2buaCall.State.LOCAL) {
                call.finish(CallOutcome.ANSWERED_LOCALLY);
                return;
            }
            if (state == B2buaCall.State.MOVED) {
                call.finish(CallOutcome.ANSWERED); // the party on the server's media hung up
                return;
            }
            CalleeLeg callee = call.legs().current();
            if (from == Side.CALLER) {
                if (callee == null || !callee.isAnswered()) {
                    // An early-dialog BYE: the caller gives up like a CANCEL would. RFC 3261 15.1.2: its INVITE
                    // gets 487 (it used to get nothing, and the caller's INVITE transaction waited for Timer B).
                    if (!call.callerGaveUp()) {
                        call.caller.answer(Response.REQUEST_TERMINATED, "Request Terminated", null);
                    }
                    call.callerGivesUp();
                    cancelCallee();
                    return;
                }
                callee.ack(null); // when the caller's ACK was overtaken by its BYE
                call.enter(B2buaCall.State.RELEASING);
                sendBye(Side.CALLEE);
            } else if (!callee.isAnswered()) {
                call.caller.answer(Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable", null);
                call.finish(CallOutcome.UNANSWERED);
            } else {
                boolean callerAcked = state != B2buaCall.State.ANSWERED;
                call.enter(B2buaCall.State.RELEASING);
                if (callerAcked) {
                    sendBye(Side.CALLER);
                } else {
                    byeToCallerWaitsForAck = true; // RFC 3261 15: no BYE before the caller's ACK
                }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not handle BYE: {}", call.callId, e.toString());
            call.finish(CallOutcome.FAILED);
        }
    }

    /** The caller's ACK came: true when a BYE to the caller waited for it, and went now. */
    boolean byeWaitedForAck() {
        if (!byeToCallerWaitsForAck) {
            return false;
        }
        byeToCallerWaitsForAck = false;
        sendBye(Side.CALLER);
        return true;
    }

    /** The callee hung up before the caller's ACK, which never came: nobody left to tell. */
    void ackNeverCame() {
        if (byeToCallerWaitsForAck) {
            byeToCallerWaitsForAck = false;
            call.finish(releaseOutcome);
        }
    }

    /** A final response to one of our BYEs, or its transaction timed out. */
    void byeAnswered(PendingRequest bye) {
        if (counts(bye)) {
            byeDone();
        }
    }

    /**
     * The current leg answered after the caller was gone (a CANCEL crossed the 200) or while the call comes down:
     * the leg is up and must be torn down. No 487 will come now to end the call, so it ends when this BYE is
     * answered (it stayed in progress before).
     */
    void hangUpLateAnswer(CalleeLeg leg) throws Exception {
        if (!call.isOver() && call.state() != B2buaCall.State.RELEASING) {
            releaseOutcome = CallOutcome.CANCELLED;
            call.enter(B2buaCall.State.RELEASING);
        }
        leg.cancelTimers();
        leg.ack(null);
        sendBye(Side.CALLEE);
    }

    /** Our 200 to the caller was never acknowledged: the caller is gone, so the call is released. */
    void onDialogTimeout() {
        if (byeToCallerWaitsForAck && !call.isOver()) {
            byeToCallerWaitsForAck = false;
            sendBye(Side.CALLER);
            return;
        }
        if (call.isOver() || call.state() == B2buaCall.State.RELEASING) {
            return;
        }
        LOG.info("call {}: the caller never acknowledged the answer; releasing", call.callId);
        release(CallOutcome.FAILED);
    }

    /** The caller never acknowledged the relayed 200 in time: both legs get BYE, and the call ends now. */
    void releaseUnacknowledged() {
        call.endReport().releasedBy(CallEnd.Releaser.SERVER);
        try {
            call.legs().current().ack(null);
        } catch (Exception e) {
            LOG.debug("call {}: could not ACK the callee: {}", call.callId, e.toString());
        }
        sendBye(Side.CALLEE);
        sendBye(Side.CALLER); // RFC 3261 13.3.1.4; nothing waits for its answer
        call.finish(CallOutcome.FAILED);
    }

    /** The end is decided now, before the BYEs go: billing stops here, whatever the BYEs meet. */
    void releaseAsServer() {
        call.endReport().releasedBy(CallEnd.Releaser.SERVER);
        call.reportEnd(CallOutcome.ANSWERED);
        release(CallOutcome.ANSWERED);
    }

    /**
     * Shutdown: end the call whatever state it is in. A call not yet answered is shed (it used to be counted, and
     * billed, as answered); an answered one ends as answered.
     */
    void shutDown() {
        release(call.isBeforeAnswer() ? CallOutcome.OVERLOAD : CallOutcome.ANSWERED);
    }

    /** The server's own decision: end the call whatever state it is in. */
    void release(CallOutcome outcome) {
        try {
            switch (call.state()) {
                case SETTING_UP, EARLY -> {
                    call.callerGivesUp();
                    call.caller.answer(Response.SERVICE_UNAVAILABLE, "Service Unavailable", null);
                    CalleeLeg callee = call.legs().current();
                    if (callee != null) {
                        callee.cancelTimers();
                        callee.cancel();
                    }
                    call.finish(outcome);
                }
                case ANSWERED, CONFIRMED -> {
                    releaseOutcome = outcome;
                    call.enter(B2buaCall.State.RELEASING);
                    call.legs().current().ack(null);
                    sendBye(Side.CALLEE);
                    sendBye(Side.CALLER);
                }
                case LOCAL -> hangUpLocal();
                case MOVED -> {
                    releaseOutcome = outcome;
                    call.enter(B2buaCall.State.RELEASING);
                    sendBye(call.partyMove().party);
                }
                case RELEASING, ENDED -> { }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not release cleanly: {}", call.callId, e.toString());
            call.finish(CallOutcome.FAILED);
        }
    }

    /** The server's own media is done with a call it answered: BYE to the caller. */
    void hangUpLocal() {
        if (call.isOver() || call.state() != B2buaCall.State.LOCAL) {
            return;
        }
        releaseOutcome = CallOutcome.ANSWERED_LOCALLY;
        call.enter(B2buaCall.State.RELEASING);
        sendBye(Side.CALLER);
    }

    /**
     * The server's media is done with a party moved onto it (the conference ended): BYE to the party. The end is
     * decided now, before the BYE goes: billing stops here.
     */
    void hangUpMoved() {
        if (call.isOver() || call.state() != B2buaCall.State.MOVED) {
            return;
        }
        call.endReport().releasedBy(CallEnd.Releaser.SERVER);
        call.reportEnd(CallOutcome.ANSWERED);
        releaseOutcome = CallOutcome.ANSWERED;
        call.enter(B2buaCall.State.RELEASING);
        sendBye(call.partyMove().party);
    }

    /** The leg a move left behind (the controller's, now in the conference by its own call): BYE, nothing more. */
    void releaseLeftBehind(Side side) {
        sendBye(side);
    }

    /** The caller is gone before the answer: so is the current leg (earlier ones went when they were left). */
    private void cancelCallee() {
        CalleeLeg callee = call.legs().current();
        if (callee == null) {
            call.finish(CallOutcome.CANCELLED);
            return;
        }
        callee.cancelTimers();
        callee.cancel();
    }

    private void sendBye(Side towards) {
        Dialog dialog = call.dialogOf(towards);
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction tx = ctx.provider().getNewClientTransaction(bye);
            tx.setApplicationData(towards == Side.CALLER
                    ? PendingRequest.toCaller(call, PendingRequest.Kind.BYE, null)
                    : PendingRequest.toCallee(call.legs().current(), PendingRequest.Kind.BYE, null));
            byesOutstanding++;
            dialog.sendRequest(tx);
        } catch (Exception e) {
            LOG.info("call {}: could not send BYE to the {}: {}", call.callId, towards.name().toLowerCase(),
                    e.toString());
            byeDone();
        }
    }

    private void byeDone() {
        byesOutstanding--;
        if (byesOutstanding <= 0 && call.state() == B2buaCall.State.RELEASING) {
            call.finish(releaseOutcome);
        }
    }

    /** Only the BYEs of the call's own two legs hold up its end, not one to a leg left behind. */
    private boolean counts(PendingRequest bye) {
        return bye.calleeLeg() == null || bye.calleeLeg() == call.legs().current();
    }

    /** For logs. */
    @Override
    public String toString() {
        return (byesOutstanding != 0 ? " byes=" + byesOutstanding : "")
                + (byeToCallerWaitsForAck ? " bye-waits-ack" : "");
    }
}
