package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.MediaRefusedException;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;

/**
 * A call the server placed itself: one leg, the server its caller and its own media at this end. The same rules as
 * an onward leg of a relayed call ({@link CalleeLeg}) where they meet: CANCEL only once the callee's side said
 * something, a callee silent after our CANCEL given up after 64 x T1 ({@link PlacedInviteTransaction}), an answer
 * after our CANCEL acknowledged and hung up. What the placer hears is {@link PlacedCallReport}'s. Every method but
 * the {@link PlacedCall} ones runs on the call's lane, one at a time, so nothing here needs a lock; those hand their
 * work to the lane, so the placer may call them from anywhere.
 */
final class PlacedCallLeg implements PlacedCall {

    private static final Logger LOG = LoggerFactory.getLogger(PlacedCallLeg.class);

    private final CallContext ctx;
    private final String callId;
    private final String icid;
    final int lane;
    private final OutgoingCall call;
    private final Request invite;

    private final PlacedInviteTransaction inviteTx;
    Dialog dialog;
    /** The callee's 2xx, once it answered. */
    private Response answer;
    /** The placer gave up (or the server is shutting down) before the answer. */
    private boolean cancelRequested;
    /** Our ACK went and the call is up, until a BYE or the end. */
    private boolean confirmed;
    /** Our BYE is out: the call is over for the placer, and ends when it is answered. */
    private boolean releasing;
    private boolean finished;
    private final PlacedCallReport report;
    private PlacedKeepAlive keepAlive;

    PlacedCallLeg(CallContext ctx, Request invite, String icid, OutgoingCall call, PlacedCallEvents events) {
        this.ctx = ctx;
        this.invite = invite;
        this.callId = Headers.callId(invite);
        this.icid = icid;
        this.lane = ctx.lanes().laneOf(callId);
        this.call = call;
        this.report = new PlacedCallReport(callId, events, call.media(), ctx.clock());
        this.inviteTx = new PlacedInviteTransaction(ctx, this, this::noFinalResponse);
    }

    // ---------------------------------------------------------------- PlacedCall: any thread

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String icid() {
        return icid;
    }

    @Override
    public void cancel() {
        onLane(this::cancelNow);
    }

    @Override
    public void hangUp() {
        onLane(this::hangUpNow);
    }

    private void onLane(Runnable task) {
        try {
            ctx.lanes().execute(lane, task);
        } catch (RejectedExecutionException e) {
            LOG.debug("call {}: the server is closed; nothing left to end", callId);
        }
    }

    /** Confirmed, and not being released: what the keep-alive probes. */
    boolean isConfirmed() {
        return confirmed && !releasing && !finished;
    }

    // ---------------------------------------------------------------- set-up

    /** Asks the media for its offer and sends the INVITE. */
    void start() {
        if (finished) {
            return; // shut down before it even went
        }
        report.placed(this);
        try {
            String offer = call.media().sdpAnswer("");
            invite.setContent(offer, ctx.sip().headers.createContentTypeHeader("application", "sdp"));
        } catch (MediaRefusedException e) {
            LOG.info("call {} to {}: the server's media has no offer: {}", callId, call.targetNumber(), e.getMessage());
            fail(e.statusCode(), CallOutcome.FAILED, CallEnd.Releaser.SERVER);
            return;
        } catch (Exception e) {
            LOG.warn("call {} to {}: could not write the offer: {}", callId, call.targetNumber(), e.toString());
            fail(Response.SERVER_INTERNAL_ERROR, CallOutcome.FAILED, CallEnd.Releaser.SERVER);
            return;
        }
        try {
            dialog = inviteTx.send(invite);
            LOG.debug("call {}: placed to {} from {}", callId, call.targetNumber(), call.callerNumber());
        } catch (Exception e) {
            LOG.info("call {} to {}: the core is not reachable: {}", callId, call.targetNumber(), e.getMessage());
            inviteTx.notSent();
            fail(Response.REQUEST_TIMEOUT, CallOutcome.FAILED, CallEnd.Releaser.SERVER);
        }
    }

    /** The server stopped placing calls before this one went: it fails at once, on its lane like any event. */
    void refuse() {
        fail(Response.SERVICE_UNAVAILABLE, CallOutcome.OVERLOAD, CallEnd.Releaser.SERVER);
    }

    // ---------------------------------------------------------------- responses

    void onResponse(PlacedRequest pending, Response response) {
        try {
            switch (pending.kind()) {
                case INVITE -> onInviteResponse(response);
                case BYE -> {
                    if (response.getStatusCode() >= 200) {
                        finish();
                    }
                }
                case KEEPALIVE -> {
                    if (keepAlive != null) {
                        keepAlive.onResponse(pending, response.getStatusCode());
                    }
                }
                case CANCEL -> { }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not handle {} to {}: {}", callId, response.getStatusCode(), pending.kind(),
                    e.toString());
        }
    }

    private void onInviteResponse(Response response) throws Exception {
        int status = response.getStatusCode();
        if (status < 200) {
            onProvisional(status);
        } else if (status < 300) {
            onAnswer(response);
        } else {
            onRefused(status);
        }
    }

    private void onProvisional(int status) {
        if (inviteTx.provisional()) {
            return;
        }
        if (cancelRequested || finished || status == Response.TRYING) {
            return;
        }
        report.provisional(status, this);
    }

    private void onAnswer(Response response) throws Exception {
        inviteTx.finalResponse();
        if (answer != null) {
            return; // a retransmitted 2xx: the dialog re-sends our ACK once it has been sent
        }
        answer = response;
        ack();
        if (cancelRequested || finished) {
            // The answer crossed our CANCEL, or came after the call was given up: hung up at once. For the placer
            // the call was cancelled; it stays in progress until this BYE is answered.
            LOG.debug("call {}: answered after it was given up; hanging up", callId);
            report.failed(Response.REQUEST_TERMINATED, CallOutcome.CANCELLED, CallEnd.Releaser.SERVER, this);
            sendBye();
            return;
        }
        report.answerArrived();
        confirmed = true;
        if (SipMessages.hasBody(response)) {
            try {
                call.media().remoteAnswer(new String(response.getRawContent(), StandardCharsets.UTF_8));
            } catch (MediaRefusedException e) {
                LOG.info("call {}: the server's media refuses the callee's answer: {}", callId, e.getMessage());
                report.failed(e.statusCode(), CallOutcome.FAILED, CallEnd.Releaser.SERVER, this);
                closeMedia();
                sendBye();
                return;
            }
        }
        report.answered(this); // a hang-up from inside it comes through the lane, after the media started
        call.media().start(() -> onLane(this::hangUpNow));
        keepAlive = new PlacedKeepAlive(this, ctx, this::partyGone);
        keepAlive.start();
    }

    private void onRefused(int status) {
        inviteTx.finalResponse(); // the transaction acknowledges it
        if (finished) {
            return;
        }
        if (cancelRequested) {
            fail(Response.REQUEST_TERMINATED, CallOutcome.CANCELLED, CallEnd.Releaser.SERVER);
        } else {
            fail(status, CallOutcome.UNANSWERED, CallEnd.Releaser.CALLEE);
        }
    }

    /** A 2xx the stack could not match to a transaction: a retransmission, or one after the transaction ended. */
    void onStrayAnswer(Response response) {
        if (answer != null) {
            return;
        }
        try {
            onAnswer(response);
        } catch (Exception e) {
            LOG.debug("call {}: stray 2xx: {}", callId, e.toString());
        }
    }

    void onTimeout(PlacedRequest pending) {
        switch (pending.kind()) {
            case INVITE -> noFinalResponse();
            case BYE -> finish();
            case KEEPALIVE -> {
                if (keepAlive != null) {
                    keepAlive.onTimeout(pending);
                }
            }
            case CANCEL -> { }
        }
    }

    /**
     * No response at all within 64 x T1 (Timer B), or no final one that long after our CANCEL: the callee is not
     * reachable, or as good as cancelled. The transaction stops retransmitting towards it.
     */
    private void noFinalResponse() {
        if (!inviteTx.giveUp() || finished) {
            return;
        }
        if (cancelRequested) {
            fail(Response.REQUEST_TERMINATED, CallOutcome.CANCELLED, CallEnd.Releaser.SERVER);
        } else {
            LOG.info("call {} to {}: no response from the core in {} s", callId, call.targetNumber(),
                    ctx.onward().timeout().toSeconds());
            fail(Response.REQUEST_TIMEOUT, CallOutcome.TIMED_OUT, CallEnd.Releaser.SERVER);
        }
    }

    // ---------------------------------------------------------------- requests from the callee

    void onRequest(ServerTransaction tx, Request request) {
        try {
            if (Request.BYE.equals(request.getMethod()) && isConfirmed()) {
                // Decided before the 200 goes, so that a journal written in onEnded holds the release first.
                report.end(Response.OK, CallOutcome.ANSWERED, CallEnd.Releaser.CALLEE);
                tx.sendResponse(ctx.sip().response(Response.OK, request, null));
                finish();
            } else if (Request.BYE.equals(request.getMethod()) && releasing) {
                tx.sendResponse(ctx.sip().response(Response.OK, request, null)); // our BYEs crossed
                finish();
            } else {
                PlacedInDialog.answer(ctx, call.media(), isConfirmed(), tx, request);
            }
        } catch (Exception e) {
            LOG.info("call {}: could not answer {}: {}", callId, request.getMethod(), e.toString());
        }
    }

    // ---------------------------------------------------------------- the server's own decisions

    private void cancelNow() {
        if (finished || releasing) {
            return;
        }
        if (answer != null) {
            hangUpNow();
            return;
        }
        if (cancelRequested) {
            return;
        }
        cancelRequested = true;
        inviteTx.cancel();
    }

    private void hangUpNow() {
        if (finished || releasing) {
            return;
        }
        if (answer == null) {
            cancelNow();
            return;
        }
        release(Response.OK, CallOutcome.ANSWERED);
    }

    /** Shutdown: a call not yet answered is given up (and its placer told 503), an answered one hung up. */
    void shutDown() {
        if (finished || releasing) {
            return;
        }
        if (answer != null) {
            release(Response.OK, CallOutcome.ANSWERED);
            return;
        }
        cancelRequested = true;
        inviteTx.cancel();
        fail(Response.SERVICE_UNAVAILABLE, CallOutcome.OVERLOAD, CallEnd.Releaser.SERVER);
    }

    /** A party that no longer answers in its dialog: the call ends as answered, at the moment the server noticed. */
    private void partyGone(String why) {
        if (!isConfirmed()) {
            return;
        }
        LOG.info("call {}: the callee is gone ({}); releasing the call", callId, why);
        release(Response.OK, CallOutcome.ANSWERED);
    }

    /** The end is decided now, before the BYE goes: billing stops here, whatever the BYE meets. */
    private void release(int status, CallOutcome outcome) {
        report.end(status, outcome, CallEnd.Releaser.SERVER);
        closeMedia();
        sendBye();
    }

    private void ack() throws Exception {
        long cseq = ((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        dialog.sendAck(dialog.createAck(cseq));
    }

    private void sendBye() {
        releasing = true;
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction tx = ctx.provider().getNewClientTransaction(bye);
            tx.setApplicationData(new PlacedRequest(this, PlacedRequest.Kind.BYE));
            dialog.sendRequest(tx);
        } catch (Exception e) {
            LOG.info("call {}: could not send BYE: {}", callId, e.toString());
            finish();
        }
    }

    // ---------------------------------------------------------------- the end

    /** The call failed before an answer: the placer hears why, then that it is over. */
    private void fail(int status, CallOutcome outcome, CallEnd.Releaser releasedBy) {
        report.failed(status, outcome, releasedBy, this);
        finish();
    }

    /** Out of the calls in progress, timers and media gone. What the callee still says is answered, never told. */
    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        ctx.registry().removePlaced(callId);
        inviteTx.stopWaiting();
        if (keepAlive != null) {
            keepAlive.stop();
        }
        closeMedia();
        // No path comes here with the end undecided: a safety net, so that the placer hears of it whatever happens.
        report.end(0, CallOutcome.FAILED, CallEnd.Releaser.SERVER);
        LOG.debug("call {}: placed call over", callId);
    }

    private void closeMedia() {
        report.closeMedia();
    }

    /** For logs: which call, where it stands. Read from another thread, so only a best-effort snapshot. */
    @Override
    public String toString() {
        return callId + " placed to " + call.targetNumber() + (answer != null ? " answered" : "")
                + (cancelRequested ? " cancelled" : "") + (releasing ? " releasing" : "")
                + (finished ? " over" : "");
    }
}
