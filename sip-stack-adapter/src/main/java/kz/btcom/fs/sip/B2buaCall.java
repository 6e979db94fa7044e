package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.RSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One call through the B2BUA: the caller's leg, the callee's leg, and the rules that keep them in step.
 * Every method runs on the call's lane, one at a time, so the fields need no locks. Events may arrive in
 * any order (the stack's threads race): each method checks the state rather than assuming the order.
 */
final class B2buaCall {

    private static final Logger LOG = LoggerFactory.getLogger(B2buaCall.class);

    /** Headers a response from the callee carries back to the caller as they are. */
    private static final List<String> RESPONSE_HEADERS = List.of(
            SetupReader.P_ASSERTED_IDENTITY, SetupReader.PRIVACY, "Allow", "Supported", "Retry-After",
            "Warning", "Reason", "Alert-Info", "Call-Info", "Server", "Unsupported", "Accept", "Min-SE");
    /** Headers only a final answer carries back as they are. */
    private static final List<String> ANSWER_HEADERS = List.of("Require", "Session-Expires");

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
        /** Releasing: BYEs are out, waiting for their answers. */
        RELEASING,
        ENDED
    }

    private final CallContext ctx;
    final String callId;
    final int lane;
    private final ServerTransaction callerInvite;
    private final Request callerRequest;
    private final Dialog callerDialog;
    private final String callerToTag = Tags.newTag();
    private final String incomingTransport;
    private final long arrivalNanos;

    private State state = State.SETTING_UP;
    private CallSetup setup;
    private LocalMedia media;
    private boolean localMediaStarted;
    private ClientTransaction calleeInvite;
    private Dialog calleeDialog;
    private Response calleeAnswer;
    private Response lastReliableFromCallee;
    private boolean calleeResponded;
    private boolean cancelPending;
    private boolean callerCancelled;
    private boolean calleeAcked;
    private boolean byeToCallerWaitsForAck;
    private int byesOutstanding;
    private CallOutcome releaseOutcome = CallOutcome.ANSWERED;
    /** A relayed re-INVITE whose 2xx we forwarded: the ACK from {@link #reinviteAckFrom} goes on with this CSeq. */
    private Side reinviteAckFrom;
    private long reinviteAckCseq;
    private boolean ended;

    B2buaCall(CallContext ctx, ServerTransaction callerInvite, String incomingTransport, long arrivalNanos) {
        this.ctx = ctx;
        this.callerInvite = callerInvite;
        this.callerRequest = callerInvite.getRequest();
        this.callerDialog = callerInvite.getDialog();
        this.callId = Headers.callId(callerRequest);
        this.lane = ctx.lanes().laneOf(callId);
        this.incomingTransport = incomingTransport;
        this.arrivalNanos = arrivalNanos;
    }

    Dialog callerDialog() {
        return callerDialog;
    }

    // ---------------------------------------------------------------- set-up

    void start() {
        if (ended) {
            return; // released (shutdown) before the services even saw it
        }
        try {
            setup = ctx.setupReader().read(callerRequest);
            CallDecision decision;
            try {
                decision = ctx.handler().onNewCall(setup);
            } catch (RuntimeException e) {
                LOG.error("call {}: the services failed; refusing the call", callId, e);
                decision = CallDecision.reject(500, "Server Internal Error");
            }
            if (decision instanceof CallDecision.Reject reject) {
                answerCaller(reject.statusCode(), reject.reasonPhrase(), null);
                finish(CallOutcome.REJECTED);
            } else if (decision instanceof CallDecision.Answer answer) {
                answerLocally(answer.media());
            } else {
                relay((CallDecision.Relay) decision);
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not set up: {}", callId, e.toString());
            answerCaller(500, "Server Internal Error", null);
            finish(CallOutcome.FAILED);
        } finally {
            ctx.metrics().inviteHandled(System.nanoTime() - arrivalNanos);
        }
    }

    private void relay(CallDecision.Relay decision) throws Exception {
        String transport = ctx.onward().transportFor(incomingTransport);
        Request onward = ctx.onward().build(callerRequest, decision, transport);
        calleeInvite = ctx.provider().getNewClientTransaction(onward);
        calleeInvite.setApplicationData(new PendingRequest(this, PendingRequest.Kind.INVITE, null, Side.CALLEE));
        calleeDialog = calleeInvite.getDialog();
        calleeDialog.setApplicationData(this);
        try {
            calleeInvite.sendRequest();
        } catch (javax.sip.SipException e) {
            LOG.info("call {}: the core is not reachable: {}", callId, e.getMessage());
            answerCaller(503, "Service Unavailable", null);
            finish(CallOutcome.FAILED);
        }
    }

    private void answerLocally(LocalMedia localMedia) throws Exception {
        media = localMedia;
        String offer = SipMessages.hasBody(callerRequest)
                ? new String(callerRequest.getRawContent(), StandardCharsets.UTF_8) : "";
        Response ok = ctx.sip().response(Response.OK, callerRequest, callerToTag);
        ok.addHeader(ctx.sip().contactFor(incomingTransport));
        String sdp;
        try {
            sdp = media.sdpAnswer(offer);
        } catch (MediaRefusedException e) {
            LOG.info("call {}: the server's media refuses it: {}", callId, e.getMessage());
            answerCaller(e.statusCode(), e.reasonPhrase(), null);
            finish(CallOutcome.REJECTED);
            return;
        }
        ok.setContent(sdp, ctx.sip().headers.createContentTypeHeader("application", "sdp"));
        callerInvite.sendResponse(ok);
        state = State.LOCAL;
    }

    // ---------------------------------------------------------------- responses from the callee

    void onResponse(PendingRequest pending, Response response) {
        try {
            switch (pending.kind()) {
                case INVITE -> onCalleeInviteResponse(response);
                case BYE -> {
                    if (response.getStatusCode() >= 200) {
                        byeDone();
                    }
                }
                case RELAYED -> relayResponse(pending, response);
                case CANCEL, PRACK_OWN -> { }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not handle {} to {}: {}", callId, response.getStatusCode(), pending.kind(),
                    e.toString());
        }
    }

    private void onCalleeInviteResponse(Response response) throws Exception {
        int status = response.getStatusCode();
        if (status < 200) {
            calleeResponded = true;
            if (cancelPending) {
                cancelPending = false;
                sendCancel();
                return;
            }
            if (status == Response.TRYING || callerCancelled || ended) {
                return;
            }
            relayProvisional(response);
        } else if (status < 300) {
            onCalleeAnswer(response);
        } else {
            calleeResponded = true;
            if (callerCancelled || ended) {
                finish(CallOutcome.CANCELLED);
                return;
            }
            answerCaller(status, response.getReasonPhrase(), response);
            finish(CallOutcome.UNANSWERED);
        }
    }

    private void relayProvisional(Response fromCallee) throws Exception {
        if (state != State.SETTING_UP && state != State.EARLY) {
            return; // a 180 overtaken by the 200 on another stack thread: the caller must not see it now
        }
        boolean reliable = fromCallee.getHeader(RSeqHeader.NAME) != null;
        if (reliable) {
            lastReliableFromCallee = fromCallee;
        }
        if (reliable && SipMessages.mentions100rel(callerRequest, "Require")
                || reliable && SipMessages.mentions100rel(callerRequest, "Supported")) {
            Response toCaller = callerDialog.createReliableProvisionalResponse(fromCallee.getStatusCode());
            // The dialog leaves the To tag to us (the stack refuses a reliable 1xx without one): the same tag as
            // every other response to this caller, or the 180 and the 200 would make two dialogs.
            ((ToHeader) toCaller.getHeader(ToHeader.NAME)).setTag(callerToTag);
            fillFromCallee(toCaller, fromCallee);
            callerDialog.sendReliableProvisionalResponse(toCaller);
        } else {
            if (reliable) {
                // The caller cannot acknowledge it, so the B2BUA does, and the callee stops retransmitting.
                Request prack = calleeDialog.createPrack(fromCallee);
                ClientTransaction tx = ctx.provider().getNewClientTransaction(prack);
                tx.setApplicationData(new PendingRequest(this, PendingRequest.Kind.PRACK_OWN, null, Side.CALLEE));
                calleeDialog.sendRequest(tx);
            }
            Response toCaller = ctx.sip().response(fromCallee.getStatusCode(), callerRequest, callerToTag);
            fillFromCallee(toCaller, fromCallee);
            callerInvite.sendResponse(toCaller);
        }
        state = State.EARLY;
    }

    private void onCalleeAnswer(Response answer) throws Exception {
        calleeResponded = true;
        if (calleeAnswer != null) {
            return; // a retransmitted 2xx: the dialog re-sends our ACK once it has been sent
        }
        calleeAnswer = answer;
        if (callerCancelled || ended || state == State.RELEASING) {
            // The caller is gone (CANCEL crossed the 200): the callee's leg is up and must be torn down. No 487
            // will come now to end the call, so it ends when this BYE is answered (it stayed in progress before).
            if (!ended && state != State.RELEASING) {
                releaseOutcome = CallOutcome.CANCELLED;
                state = State.RELEASING;
            }
            ackCallee(null);
            sendBye(Side.CALLEE);
            return;
        }
        Response ok = ctx.sip().response(Response.OK, callerRequest, callerToTag);
        fillFromCallee(ok, answer);
        callerInvite.sendResponse(ok);
        state = State.ANSWERED;
    }

    private void fillFromCallee(Response toCaller, Response fromCallee) throws Exception {
        toCaller.setReasonPhrase(fromCallee.getReasonPhrase());
        if (fromCallee.getStatusCode() > 100) {
            toCaller.setHeader(ctx.sip().contactFor(incomingTransport));
        }
        SipMessages.copyHeaders(fromCallee, toCaller, RESPONSE_HEADERS);
        if (fromCallee.getStatusCode() >= 200) {
            // RFC 4028: the callee's choice of session interval and refresher must reach the caller, or nobody
            // refreshes and the callee ends the call. (On a 1xx, Require names 100rel for that hop only.)
            SipMessages.copyHeaders(fromCallee, toCaller, ANSWER_HEADERS);
        }
        SipMessages.copyBody(fromCallee, toCaller);
    }

    /** A 2xx the stack could not match to a transaction: a retransmission, or one that crossed our CANCEL. */
    void onStrayAnswer(Response answer) {
        try {
            if (calleeAnswer == null) {
                onCalleeAnswer(answer);
            }
        } catch (Exception e) {
            LOG.debug("call {}: stray 2xx: {}", callId, e.toString());
        }
    }

    // ---------------------------------------------------------------- requests on either leg

    void onAck(Dialog dialog, Request ack) {
        Side from = sideOf(dialog);
        try {
            if (from == Side.CALLER && byeToCallerWaitsForAck) {
                byeToCallerWaitsForAck = false;
                sendBye(Side.CALLER);
            } else if (from == Side.CALLER && state == State.ANSWERED) {
                ackCallee(ack);
                state = State.CONFIRMED;
            } else if (from == Side.CALLER && state == State.LOCAL && media != null && !localMediaStarted) {
                localMediaStarted = true; // a re-INVITE's ACK comes this way too
                if (SipMessages.hasBody(ack)) {
                    media.remoteAnswer(new String(ack.getRawContent(), StandardCharsets.UTF_8));
                }
                media.start(() -> ctx.lanes().execute(lane, this::hangUpLocal));
            } else if (from == reinviteAckFrom) {
                Dialog target = dialogOf(from.other());
                Request onward = target.createAck(reinviteAckCseq);
                SipMessages.copyBody(ack, onward);
                target.sendAck(onward);
                reinviteAckFrom = null;
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not pass on ACK: {}", callId, e.toString());
        }
    }

    void onCancel(ServerTransaction cancelTx, Request cancel) {
        try {
            cancelTx.sendResponse(ctx.sip().response(Response.OK, cancel, callerToTag));
            if (state != State.SETTING_UP && state != State.EARLY || callerCancelled) {
                return; // too late: the call was answered, or the CANCEL is a retransmission
            }
            callerCancelled = true;
            answerCaller(Response.REQUEST_TERMINATED, "Request Terminated", null);
            if (calleeInvite == null) {
                finish(CallOutcome.CANCELLED);
            } else if (calleeResponded) {
                sendCancel();
            } else {
                cancelPending = true; // RFC 3261 9.1: no CANCEL before the callee has said anything
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not handle CANCEL: {}", callId, e.toString());
        }
    }

    void onBye(Dialog dialog, ServerTransaction byeTx, Request bye) {
        Side from = sideOf(dialog);
        try {
            byeTx.sendResponse(ctx.sip().response(Response.OK, bye, null));
            if (state == State.LOCAL) {
                finish(CallOutcome.ANSWERED_LOCALLY);
                return;
            }
            if (from == Side.CALLER) {
                if (calleeAnswer == null) {
                    // An early-dialog BYE: the caller gives up like a CANCEL would. RFC 3261 15.1.2: its INVITE
                    // gets 487 (it used to get nothing, and the caller's INVITE transaction waited for Timer B).
                    if (!callerCancelled) {
                        answerCaller(Response.REQUEST_TERMINATED, "Request Terminated", null);
                    }
                    callerCancelled = true;
                    if (calleeResponded) {
                        sendCancel();
                    } else {
                        cancelPending = true;
                    }
                    return;
                }
                if (!calleeAcked) {
                    ackCallee(null); // the caller's ACK was overtaken by its BYE
                }
                state = State.RELEASING;
                sendBye(Side.CALLEE);
            } else if (calleeAnswer == null) {
                answerCaller(Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable", null);
                finish(CallOutcome.UNANSWERED);
            } else {
                boolean callerAcked = state != State.ANSWERED;
                state = State.RELEASING;
                if (callerAcked) {
                    sendBye(Side.CALLER);
                } else {
                    byeToCallerWaitsForAck = true; // RFC 3261 15: no BYE before the caller's ACK
                }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not handle BYE: {}", callId, e.toString());
            finish(CallOutcome.FAILED);
        }
    }

    /** re-INVITE, UPDATE, INFO, PRACK and the rest: passed to the other leg, the answer passed back. */
    void onInDialogRequest(Dialog dialog, ServerTransaction tx, Request request) {
        Side from = sideOf(dialog);
        try {
            Dialog target = dialogOf(from.other());
            boolean legUp = target != null && (calleeAnswer != null || lastReliableFromCallee != null
                    || Request.UPDATE.equals(request.getMethod()) || Request.INFO.equals(request.getMethod()));
            if (state == State.LOCAL && !ended) {
                answerInLocalCall(tx, request);
                return;
            }
            if (ended || state == State.RELEASING || !legUp) {
                tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
                return;
            }
            Request onward;
            if (Request.PRACK.equals(request.getMethod()) && from == Side.CALLER) {
                onward = calleeDialog.createPrack(lastReliableFromCallee);
            } else {
                onward = target.createRequest(request.getMethod());
                SipMessages.copyHeaders(request, onward, InDialogHeaders.COPIED);
            }
            SipMessages.copyBody(request, onward);
            ClientTransaction out = ctx.provider().getNewClientTransaction(onward);
            out.setApplicationData(new PendingRequest(this, PendingRequest.Kind.RELAYED, tx, from.other()));
            target.sendRequest(out);
        } catch (Exception e) {
            LOG.info("call {}: could not relay {}: {}", callId, request.getMethod(), e.toString());
            try {
                tx.sendResponse(ctx.sip().response(Response.SERVER_INTERNAL_ERROR, request, null));
            } catch (Exception ignored) {
                // the requester's transaction times out on its own
            }
        }
    }

    /**
     * A request inside a call the server answered itself: a re-INVITE or UPDATE with an offer (hold, a codec
     * change) gets the media's answer, so offer/answer stays whole; anything else is simply acknowledged.
     */
    private void answerInLocalCall(ServerTransaction tx, Request request) throws Exception {
        Response ok = ctx.sip().response(Response.OK, request, null);
        boolean offer = (Request.INVITE.equals(request.getMethod()) || Request.UPDATE.equals(request.getMethod()))
                && SipMessages.hasBody(request);
        if (offer && media != null) {
            String sdp;
            try {
                sdp = media.sdpAnswer(new String(request.getRawContent(), StandardCharsets.UTF_8));
            } catch (MediaRefusedException e) {
                tx.sendResponse(ctx.sip().response(Response.NOT_ACCEPTABLE_HERE, request, null));
                return;
            }
            ok.addHeader(ctx.sip().contactFor(incomingTransport));
            ok.setContent(sdp, ctx.sip().headers.createContentTypeHeader("application", "sdp"));
        } else if (Request.INVITE.equals(request.getMethod())) {
            ok.addHeader(ctx.sip().contactFor(incomingTransport));
        }
        tx.sendResponse(ok);
    }

    private void relayResponse(PendingRequest pending, Response response) throws Exception {
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        ServerTransaction waiting = pending.relayedFrom();
        Request original = waiting.getRequest();
        Response back = ctx.sip().response(status, original, null);
        back.setReasonPhrase(response.getReasonPhrase());
        if (Request.INVITE.equals(original.getMethod()) && status >= 200 && status < 300) {
            back.setHeader(ctx.sip().contactFor(incomingTransport));
            reinviteAckFrom = pending.towards().other();
            reinviteAckCseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        }
        SipMessages.copyHeaders(response, back, RESPONSE_HEADERS);
        SipMessages.copyBody(response, back);
        waiting.sendResponse(back);
    }

    // ---------------------------------------------------------------- timers and failures

    void onTimeout(PendingRequest pending) {
        switch (pending.kind()) {
            case INVITE -> {
                if (callerCancelled || ended) {
                    finish(CallOutcome.CANCELLED);
                } else {
                    LOG.info("call {}: no answer from the core before the transaction timed out", callId);
                    answerCaller(Response.REQUEST_TIMEOUT, "Request Timeout", null);
                    finish(CallOutcome.TIMED_OUT);
                }
            }
            case BYE -> byeDone();
            case RELAYED -> {
                try {
                    ServerTransaction waiting = pending.relayedFrom();
                    waiting.sendResponse(ctx.sip().response(Response.REQUEST_TIMEOUT, waiting.getRequest(), null));
                } catch (Exception e) {
                    LOG.debug("call {}: {}", callId, e.toString());
                }
            }
            case CANCEL, PRACK_OWN -> { }
        }
    }

    /** Our 200 to the caller was never acknowledged: the caller is gone, so the call is released. */
    void onDialogTimeout() {
        if (byeToCallerWaitsForAck) {
            byeToCallerWaitsForAck = false;
            sendBye(Side.CALLER);
            return;
        }
        if (ended || state == State.RELEASING) {
            return;
        }
        LOG.info("call {}: the caller never acknowledged the answer; releasing", callId);
        release(CallOutcome.FAILED);
    }

    /**
     * Shutdown: end the call whatever state it is in. A call not yet answered is shed (it used to be counted, and
     * billed, as answered); an answered one ends as answered.
     */
    void shutDown() {
        release(state == State.SETTING_UP || state == State.EARLY ? CallOutcome.OVERLOAD : CallOutcome.ANSWERED);
    }

    /** The server's own decision: end the call whatever state it is in. */
    void release(CallOutcome outcome) {
        try {
            switch (state) {
                case SETTING_UP, EARLY -> {
                    callerCancelled = true;
                    answerCaller(Response.SERVICE_UNAVAILABLE, "Service Unavailable", null);
                    if (calleeInvite == null) {
                        finish(outcome);
                    } else if (calleeResponded) {
                        sendCancel();
                        finish(outcome);
                    } else {
                        cancelPending = true;
                        finish(outcome);
                    }
                }
                case ANSWERED, CONFIRMED -> {
                    releaseOutcome = outcome;
                    state = State.RELEASING;
                    if (!calleeAcked) {
                        ackCallee(null);
                    }
                    sendBye(Side.CALLEE);
                    sendBye(Side.CALLER);
                }
                case LOCAL -> hangUpLocal();
                case RELEASING, ENDED -> { }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not release cleanly: {}", callId, e.toString());
            finish(CallOutcome.FAILED);
        }
    }

    private void hangUpLocal() {
        if (ended || state != State.LOCAL) {
            return;
        }
        releaseOutcome = CallOutcome.ANSWERED_LOCALLY;
        state = State.RELEASING;
        sendBye(Side.CALLER);
    }

    // ---------------------------------------------------------------- building blocks

    private void answerCaller(int status, String reason, Response fromCallee) {
        try {
            Response response = ctx.sip().response(status, callerRequest, callerToTag);
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            if (fromCallee != null) {
                SipMessages.copyHeaders(fromCallee, response, RESPONSE_HEADERS);
            }
            callerInvite.sendResponse(response);
        } catch (Exception e) {
            LOG.debug("call {}: could not send {} to the caller: {}", callId, status, e.toString());
        }
    }

    private void ackCallee(Request callerAck) throws Exception {
        if (calleeAcked || calleeAnswer == null) {
            return;
        }
        long cseq = ((CSeqHeader) calleeAnswer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        Request ack = calleeDialog.createAck(cseq);
        if (callerAck != null) {
            SipMessages.copyBody(callerAck, ack); // the answer to a late offer rides on the ACK
        }
        calleeDialog.sendAck(ack);
        calleeAcked = true;
    }

    private void sendCancel() throws Exception {
        Request cancel = calleeInvite.createCancel();
        ClientTransaction tx = ctx.provider().getNewClientTransaction(cancel);
        tx.setApplicationData(new PendingRequest(this, PendingRequest.Kind.CANCEL, null, Side.CALLEE));
        tx.sendRequest();
    }

    private void sendBye(Side towards) {
        Dialog dialog = dialogOf(towards);
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction tx = ctx.provider().getNewClientTransaction(bye);
            tx.setApplicationData(new PendingRequest(this, PendingRequest.Kind.BYE, null, towards));
            byesOutstanding++;
            dialog.sendRequest(tx);
        } catch (Exception e) {
            LOG.info("call {}: could not send BYE to the {}: {}", callId, towards.name().toLowerCase(), e.toString());
            byeDone();
        }
    }

    private void byeDone() {
        byesOutstanding--;
        if (byesOutstanding <= 0 && state == State.RELEASING) {
            finish(releaseOutcome);
        }
    }

    private Side sideOf(Dialog dialog) {
        return dialog == callerDialog ? Side.CALLER : Side.CALLEE;
    }

    private Dialog dialogOf(Side side) {
        return side == Side.CALLER ? callerDialog : calleeDialog;
    }

    /** For logs: which call, where it stands. Read from another thread, so only a best-effort snapshot. */
    @Override
    public String toString() {
        return callId + " " + state + (calleeAnswer != null ? " answered" : "") + (calleeAcked ? " acked" : "")
                + (callerCancelled ? " cancelled" : "") + (byesOutstanding != 0 ? " byes=" + byesOutstanding : "")
                + (byeToCallerWaitsForAck ? " bye-waits-ack" : "");
    }

    private void finish(CallOutcome outcome) {
        if (ended) {
            return;
        }
        ended = true;
        state = State.ENDED;
        ctx.registry().remove(callId);
        ctx.metrics().callEnded(outcome);
        if (media != null) {
            media.close();
        }
        if (setup != null) {
            try {
                ctx.handler().onCallEnded(setup, outcome);
            } catch (RuntimeException e) {
                LOG.error("call {}: the services failed on call end", callId, e);
            }
        }
        LOG.debug("call {} ended: {}", callId, outcome);
    }
}
