package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One call through the B2BUA: the caller's leg, the callee's leg, and the rules that keep them in step.
 * Every method runs on the call's lane, one at a time, so the fields need no locks. Events may arrive in
 * any order (the stack's threads race): each method checks the state rather than assuming the order.
 * The callee's side may be several legs one after another (forwarding): only the current one speaks to the caller.
 */
final class B2buaCall {

    private static final Logger LOG = LoggerFactory.getLogger(B2buaCall.class);

    /** Onward legs one call may try: above the services' own limit of diversions, far below a loop's appetite. */
    private static final int MAX_LEGS = 10;

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
    private final CallerLeg caller;
    private final long arrivalNanos;

    private State state = State.SETTING_UP;
    private CallSetup setup;
    /** Hears the call's INFO, REFER and end; NONE until the services decided (or when they failed). */
    private CallListener listener = CallListener.NONE;
    /** The server's own answer and media, when it answered the call itself. */
    private LocalCall local;
    /** The announcement played before a refusal, closed when the call ends. */
    private LocalMedia announcing;
    /** The onward leg that speaks for the callee now; null when the call was never relayed. */
    private CalleeLeg callee;
    private final List<CalleeLeg> earlierLegs = new ArrayList<>(0);
    private boolean toldForwarded;
    private int diversionsLogged;
    private boolean callerCancelled;
    private boolean byeToCallerWaitsForAck;
    private int byesOutstanding;
    private CallOutcome releaseOutcome = CallOutcome.ANSWERED;
    /** Who ended the call, for its end: the server unless a party hung up, cancelled or refused. */
    private CallEnd.Releaser releasedBy = CallEnd.Releaser.SERVER;
    private boolean endReported;
    /** A relayed re-INVITE whose 2xx we forwarded: the ACK from {@link #reinviteAckFrom} goes on with this CSeq. */
    private Side reinviteAckFrom;
    private long reinviteAckCseq;
    private boolean ended;
    /** Made when the call is confirmed; null before, and for calls that never are. */
    private DialogKeepAlive keepAlive;
    private SessionRefreshWatch sessionWatch;
    /** The caller acknowledged our 200 (relayed or our own). */
    private boolean callerAcked;
    /** Runs out when the caller has not acknowledged our 200 in time; null before the 200 and once it is done. */
    private ScheduledFuture<?> ackWatch;

    B2buaCall(CallContext ctx, ServerTransaction callerInvite, String incomingTransport, long arrivalNanos) {
        this.ctx = ctx;
        this.caller = new CallerLeg(ctx, callerInvite, incomingTransport);
        this.callId = Headers.callId(caller.request);
        this.lane = ctx.lanes().laneOf(callId);
        this.arrivalNanos = arrivalNanos;
    }

    Dialog callerDialog() {
        return caller.dialog;
    }

    boolean isOver() {
        return ended;
    }

    /** Both legs up, and not being released. */
    boolean isConfirmed() {
        return state == State.CONFIRMED && !ended;
    }

    /** The onward leg that speaks for the callee now. */
    CalleeLeg currentCallee() {
        return callee;
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
                reject(reject);
            } else if (decision instanceof CallDecision.Answer answer) {
                answerLocally(answer.media());
            } else {
                startLeg(((CallDecision.Relay) decision).leg());
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
     * Sends the INVITE of a new onward leg, always built from the caller's original INVITE, and makes it the
     * current leg; the one before it, if any, is left behind. A leg that cannot even be sent has failed at once.
     */
    private void startLeg(OnwardLeg plan) throws Exception {
        CallerPrivacy privacy = CallerPrivacy.of(caller.request, plan.presentation());
        Request onward = ctx.onward().build(caller.request, setup.icid(), plan, privacy,
                ctx.onward().transportFor(caller.transport));
        CalleeLeg previous = callee;
        CalleeLeg leg = new CalleeLeg(this, ctx, plan, privacy);
        callee = leg;
        if (previous != null) {
            earlierLegs.add(previous);
            previous.leave(plan.events());
        }
        if (!leg.send(onward)) {
            legFailed(leg, Response.REQUEST_TIMEOUT, () -> {
                caller.answer(Response.SERVICE_UNAVAILABLE, "Service Unavailable", null);
                finish(CallOutcome.FAILED);
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
     * next leg, and then the caller never hears of the failure; else it is relayed as it came.
     */
    private void legFailed(CalleeLeg leg, int status, Runnable tellCaller) {
        Optional<OnwardLeg> next = leg.failed(status);
        if (ended || callee != leg) {
            return; // the watcher redirected from inside the callback
        }
        if (next.isPresent() && mayStartAnotherLeg()) {
            try {
                startLeg(next.get());
                return;
            } catch (Exception e) {
                LOG.warn("call {}: could not start the next leg: {}", callId, e.toString());
            }
        }
        tellCaller.run();
    }

    /**
     * A leg we cancelled never sent its final response: when the call was only waiting for it (the caller gave up),
     * the call is over; a leg left behind for another is nothing to the call.
     */
    void calleeSilentAfterCancel(CalleeLeg leg) {
        if (leg == callee && !ended && (callerCancelled || state == State.RELEASING)) {
            finish(CallOutcome.CANCELLED);
        }
    }

    /** {@link kz.btcom.fs.call.CallControl#redirect}: only the current leg's watcher, only before the answer. */
    void redirect(CalleeLeg from, OnwardLeg next) {
        if (from != callee || ended || callerCancelled || from.answer != null
                || state != State.SETTING_UP && state != State.EARLY) {
            LOG.debug("call {}: redirect to {} ignored: the leg is over", callId, next.targetNumber());
            return;
        }
        if (!mayStartAnotherLeg()) {
            return;
        }
        try {
            startLeg(next);
        } catch (Exception e) {
            LOG.warn("call {}: could not redirect: {}", callId, e.toString());
        }
    }

    private boolean mayStartAnotherLeg() {
        if (earlierLegs.size() + 1 >= MAX_LEGS) {
            LOG.warn("call {}: {} legs tried already; no more", callId, MAX_LEGS);
            return false;
        }
        return true;
    }

    /** 181 Call Is Being Forwarded, once per call, the first time a leg with diversions goes out. */
    private void tellCallerItIsForwarded() {
        if (toldForwarded || callerCancelled || ended || state != State.SETTING_UP && state != State.EARLY) {
            return;
        }
        toldForwarded = true;
        try {
            caller.tellForwarded();
            state = State.EARLY;
        } catch (Exception e) {
            LOG.debug("call {}: could not send 181: {}", callId, e.toString());
        }
    }

    /** A leg carries every diversion so far: only the new ones are news. */
    private void logDiversions(List<Diversion> diversions) {
        for (int i = diversionsLogged; i < diversions.size(); i++) {
            Diversion diversion = diversions.get(i);
            LOG.info("call {}: diverted from {} to {} ({})", callId, diversion.from(), diversion.to(),
                    diversion.reason().diversionReason());
        }
        diversionsLogged = Math.max(diversionsLogged, diversions.size());
    }

    /**
     * Refuses the call, after its announcement when there is one and the caller offered SDP: the announcement
     * plays as early media, and its end (or the media's own safety limit) sends the final response.
     */
    private void reject(CallDecision.Reject reject) throws Exception {
        if (reject.announcement().isEmpty() || caller.offer().isEmpty()) {
            reject.announcement().ifPresent(LocalMedia::close);
            caller.answer(reject.statusCode(), reject.reasonPhrase(), null);
            finish(CallOutcome.REJECTED);
            return;
        }
        LocalMedia announcement = reject.announcement().get();
        announcing = announcement;
        try {
            caller.earlyMedia(announcement.sdpAnswer(caller.offer()));
        } catch (MediaRefusedException e) {
            LOG.info("call {}: no announcement ({}): refused at once", callId, e.getMessage());
            caller.answer(reject.statusCode(), reject.reasonPhrase(), null);
            finish(CallOutcome.REJECTED);
            return;
        }
        state = State.EARLY;
        announcement.start(() -> ctx.lanes().execute(lane, () -> {
            if (!ended && !callerCancelled) {
                caller.answer(reject.statusCode(), reject.reasonPhrase(), null);
                finish(CallOutcome.REJECTED);
            }
        }));
    }

    private void answerLocally(LocalMedia media) throws Exception {
        local = new LocalCall(ctx, caller, media);
        try {
            local.answer();
        } catch (MediaRefusedException e) {
            LOG.info("call {}: the server's media refuses it: {}", callId, e.getMessage());
            caller.answer(e.statusCode(), e.reasonPhrase(), null);
            finish(CallOutcome.REJECTED);
            return;
        }
        state = State.LOCAL;
        watchForAck();
    }

    // ---------------------------------------------------------------- responses from the callee

    void onResponse(PendingRequest pending, Response response) {
        try {
            switch (pending.kind()) {
                case INVITE -> onCalleeInviteResponse(pending.calleeLeg(), response);
                case BYE -> {
                    if (response.getStatusCode() >= 200 && counts(pending)) {
                        byeDone();
                    }
                }
                case RELAYED -> relayResponse(pending, response);
                case KEEPALIVE -> {
                    if (keepAlive != null) {
                        keepAlive.onResponse(pending, response.getStatusCode());
                    }
                }
                case CANCEL, PRACK_OWN -> { }
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not handle {} to {}: {}", callId, response.getStatusCode(), pending.kind(),
                    e.toString());
        }
    }

    private void onCalleeInviteResponse(CalleeLeg leg, Response response) throws Exception {
        if (leg != callee) {
            leg.onResponseAfterLeaving(response);
            return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            if (leg.onProvisional() || status == Response.TRYING || callerCancelled || ended) {
                return;
            }
            relayProvisional(leg, response);
            if (status == Response.RINGING && !leg.rang && leg.answer == null) {
                leg.rang = true;
                leg.ringing();
            }
        } else if (status < 300) {
            onCalleeAnswer(leg, response);
        } else {
            leg.finalReceived = true;
            if (callerCancelled || ended) {
                finish(CallOutcome.CANCELLED);
                return;
            }
            legFailed(leg, status, () -> {
                releasedBy = CallEnd.Releaser.CALLEE;
                caller.answer(status, response.getReasonPhrase(), response);
                finish(CallOutcome.UNANSWERED);
            });
        }
    }

    private void relayProvisional(CalleeLeg leg, Response fromCallee) throws Exception {
        if (state != State.SETTING_UP && state != State.EARLY) {
            return; // a 180 overtaken by the 200 on another stack thread: the caller must not see it now
        }
        caller.relayProvisional(leg, fromCallee);
        state = State.EARLY;
    }

    private void onCalleeAnswer(CalleeLeg leg, Response answer) throws Exception {
        leg.responded = true;
        if (leg.answer != null) {
            return; // a retransmitted 2xx: the dialog re-sends our ACK once it has been sent
        }
        leg.answer = answer;
        if (callerCancelled || ended || state == State.RELEASING) {
            // The caller is gone (CANCEL crossed the 200): the callee's leg is up and must be torn down. No 487
            // will come now to end the call, so it ends when this BYE is answered (it stayed in progress before).
            if (!ended && state != State.RELEASING) {
                releaseOutcome = CallOutcome.CANCELLED;
                state = State.RELEASING;
            }
            leg.cancelTimers();
            leg.ack(null);
            sendBye(Side.CALLEE);
            return;
        }
        caller.relayAnswer(answer);
        state = State.ANSWERED;
        leg.answered();
        watchForAck();
    }

    /**
     * RFC 3261 13.3.1.4: a 2xx not acknowledged within 64 x T1 (Timer H's span) means the caller is gone. The stack's
     * dialog timeout says so too, but not always (an ACK for another response of the same transaction confirms the
     * dialog for it; a dialog the stack dropped never times out), and a call waiting for it stayed in progress for
     * good, its lines busy: so the call keeps its own watch, and ends in the books when it runs out.
     */
    private void watchForAck() {
        if (ackWatch == null && !callerAcked) {
            ackWatch = ctx.onLaneAfter(lane, ctx.onward().timeout(), this::ackOverdue);
        }
    }

    private void stopAckWatch() {
        if (ackWatch != null) {
            ackWatch.cancel(false);
            ackWatch = null;
        }
    }

    private void ackOverdue() {
        ackWatch = null;
        if (ended || callerAcked) {
            return;
        }
        switch (state) {
            case ANSWERED -> {
                LOG.info("call {}: no ACK from the caller {} s after the 200; both legs are released and the call ends",
                        callId, ctx.onward().timeout().toSeconds());
                releasedBy = CallEnd.Releaser.SERVER;
                try {
                    callee.ack(null);
                } catch (Exception e) {
                    LOG.debug("call {}: could not ACK the callee: {}", callId, e.toString());
                }
                sendBye(Side.CALLEE);
                sendBye(Side.CALLER); // RFC 3261 13.3.1.4; nothing waits for its answer
                finish(CallOutcome.FAILED);
            }
            case LOCAL -> {
                LOG.info("call {}: no ACK from the caller for the server's answer; the call ends", callId);
                finish(CallOutcome.FAILED);
            }
            case RELEASING -> {
                if (byeToCallerWaitsForAck) {
                    // The callee hung up before the caller's ACK, which never came: nobody left to tell.
                    byeToCallerWaitsForAck = false;
                    finish(releaseOutcome);
                }
            }
            default -> { }
        }
    }

    /** A 2xx the stack could not match to a transaction: a retransmission, or one that crossed our CANCEL. */
    void onStrayAnswer(Dialog dialog, Response answer) {
        try {
            CalleeLeg leg = legOf(dialog);
            if (leg != null && leg != callee) {
                leg.onResponseAfterLeaving(answer);
            } else if (leg != null && leg.answer == null) {
                onCalleeAnswer(leg, answer);
            }
        } catch (Exception e) {
            LOG.debug("call {}: stray 2xx: {}", callId, e.toString());
        }
    }

    // ---------------------------------------------------------------- requests on either leg

    void onAck(Dialog dialog, Request ack) {
        Side from = sideOf(dialog);
        if (from == null) {
            return; // on the dialog of a leg left behind
        }
        if (from == Side.CALLER) {
            callerAcked = true;
            stopAckWatch(); // a call held for hours keeps no timer for an ACK long come
        }
        try {
            if (from == Side.CALLER && byeToCallerWaitsForAck) {
                byeToCallerWaitsForAck = false;
                sendBye(Side.CALLER);
            } else if (from == Side.CALLER && state == State.ANSWERED) {
                callee.ack(ack);
                state = State.CONFIRMED;
                startKeepAlive();
                sessionWatch = new SessionRefreshWatch(ctx, lane, this::sessionExpired);
                sessionWatch.start(callee.answer);
            } else if (from == Side.CALLER && state == State.LOCAL) {
                local.onAck(ack, () -> ctx.lanes().execute(lane, this::hangUpLocal));
            } else if (from == reinviteAckFrom) {
                Dialog target = dialogOf(from.other());
                Request onward = target.createAck(reinviteAckCseq);
                copyBodyOnward(from, ack, onward);
                target.sendAck(onward);
                reinviteAckFrom = null;
            }
        } catch (Exception e) {
            LOG.warn("call {}: could not pass on ACK: {}", callId, e.toString());
        }
    }

    void onCancel(ServerTransaction cancelTx, Request cancel) {
        try {
            cancelTx.sendResponse(ctx.sip().response(Response.OK, cancel, caller.toTag));
            if (state != State.SETTING_UP && state != State.EARLY || callerCancelled) {
                return; // too late: the call was answered, or the CANCEL is a retransmission
            }
            callerCancelled = true;
            releasedBy = CallEnd.Releaser.CALLER;
            caller.answer(Response.REQUEST_TERMINATED, "Request Terminated", null);
            cancelCallee();
        } catch (Exception e) {
            LOG.warn("call {}: could not handle CANCEL: {}", callId, e.toString());
        }
    }

    void onBye(Dialog dialog, ServerTransaction byeTx, Request bye) {
        Side from = sideOf(dialog);
        try {
            if (from != null && !ended && state != State.RELEASING) {
                releasedBy = from == Side.CALLER ? CallEnd.Releaser.CALLER : CallEnd.Releaser.CALLEE;
                if (state == State.ANSWERED || state == State.CONFIRMED) {
                    reportEnd(CallOutcome.ANSWERED);
                } else if (state == State.LOCAL) {
                    reportEnd(CallOutcome.ANSWERED_LOCALLY);
                }
            }
            byeTx.sendResponse(ctx.sip().response(Response.OK, bye, null));
            if (from == null) {
                return; // a leg left behind hangs up: it is nothing to the call
            }
            if (state == State.LOCAL) {
                finish(CallOutcome.ANSWERED_LOCALLY);
                return;
            }
            if (from == Side.CALLER) {
                if (callee == null || callee.answer == null) {
                    // An early-dialog BYE: the caller gives up like a CANCEL would. RFC 3261 15.1.2: its INVITE
                    // gets 487 (it used to get nothing, and the caller's INVITE transaction waited for Timer B).
                    if (!callerCancelled) {
                        caller.answer(Response.REQUEST_TERMINATED, "Request Terminated", null);
                    }
                    callerCancelled = true;
                    cancelCallee();
                    return;
                }
                callee.ack(null); // when the caller's ACK was overtaken by its BYE
                state = State.RELEASING;
                sendBye(Side.CALLEE);
            } else if (callee.answer == null) {
                caller.answer(Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable", null);
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
            if (from == null) {
                tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
                return; // the dialog of a leg left behind
            }
            boolean prackFromCaller = Request.PRACK.equals(request.getMethod()) && from == Side.CALLER;
            Dialog target = dialogOf(from.other());
            boolean legUp = target != null && (callee.answer != null || callee.lastReliable != null
                    || Request.UPDATE.equals(request.getMethod()) || Request.INFO.equals(request.getMethod()));
            if (state == State.LOCAL && !ended) {
                local.answerInDialog(tx, request);
                return;
            }
            if (prackFromCaller && !ended && caller.reliableFrom != null && caller.reliableFrom != callee) {
                // It acknowledges a 1xx of a leg left behind: nobody to pass it to, and the caller needs its 200.
                tx.sendResponse(ctx.sip().response(Response.OK, request, null));
                return;
            }
            if (ended || state == State.RELEASING || !legUp) {
                tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
                return;
            }
            if (Request.INFO.equals(request.getMethod()) && servicesTakeInfo(from, request)) {
                tx.sendResponse(ctx.sip().response(Response.OK, request, null));
                return;
            }
            if (Request.REFER.equals(request.getMethod())
                    && servicesOnRefer(from, request) instanceof ReferDecision.Refuse refuse) {
                Response refused = ctx.sip().response(refuse.status(), request, null);
                refused.setReasonPhrase(refuse.reason());
                tx.sendResponse(refused);
                return;
            }
            Request onward;
            if (prackFromCaller) {
                onward = callee.dialog.createPrack(callee.lastReliable);
            } else {
                onward = target.createRequest(request.getMethod());
                if (from == Side.CALLER) {
                    callee.privacy.copyHeaders(request, onward, InDialogHeaders.COPIED);
                } else {
                    SipMessages.copyHeaders(request, onward, InDialogHeaders.COPIED);
                }
            }
            copyBodyOnward(from, request, onward);
            ClientTransaction out = ctx.provider().getNewClientTransaction(onward);
            out.setApplicationData(from == Side.CALLER
                    ? PendingRequest.toCallee(callee, PendingRequest.Kind.RELAYED, tx)
                    : PendingRequest.toCaller(this, PendingRequest.Kind.RELAYED, tx));
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
     * An INFO goes to the services before the other party (DTMF: malicious-call identification by *39# in the
     * call). True when they take it: it is answered here and goes no further. Services that fail must not cost
     * the parties their INFO, so it is then relayed as if they had left it.
     */
    private boolean servicesTakeInfo(Side from, Request info) {
        try {
            return listener.onInfo(from == Side.CALLER ? CallParty.CALLER : CallParty.CALLEE,
                    SipMessages.contentType(info), SipMessages.bodyText(info));
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on an INFO from the {}; relaying it", callId,
                    from.name().toLowerCase(), e);
            return false;
        }
    }

    /**
     * A REFER goes to the services before the other party; they relay it (what the B2BUA always did) or refuse it.
     * Services that fail must not cost the parties their REFER, so it is then relayed; so is a REFER without a
     * Refer-To the stack can read, which the other party will refuse itself.
     */
    private ReferDecision servicesOnRefer(Side from, Request refer) {
        try {
            Optional<ReferRequest> request = ReferReader.read(refer);
            if (request.isEmpty()) {
                return ReferDecision.RELAY;
            }
            ReferDecision decision = listener.onRefer(from == Side.CALLER ? CallParty.CALLER : CallParty.CALLEE,
                    request.get());
            return decision == null ? ReferDecision.RELAY : decision;
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on a REFER from the {}; relaying it", callId,
                    from.name().toLowerCase(), e);
            return ReferDecision.RELAY;
        }
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
            back.setHeader(caller.contact());
            reinviteAckFrom = pending.towards().other();
            reinviteAckCseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        }
        SipMessages.copyHeaders(response, back, CallerLeg.RESPONSE_HEADERS);
        if (status >= 200 && status < 300 && isSessionRefresh(original)) {
            // RFC 4028 9: the refresher schedules its next refresh from the Session-Expires of this 2xx; without it
            // it concludes the other side has no session timer and stops, and the other side ends the call.
            SipMessages.copyHeaders(response, back, CallerLeg.ANSWER_HEADERS);
            if (sessionWatch != null) {
                sessionWatch.refreshed(response);
            }
        }
        SipMessages.copyBody(response, back);
        waiting.sendResponse(back);
    }

    /** A re-INVITE or UPDATE: what RFC 4028 refreshes a session with. */
    private static boolean isSessionRefresh(Request request) {
        return Request.INVITE.equals(request.getMethod()) || Request.UPDATE.equals(request.getMethod());
    }

    // ---------------------------------------------------------------- timers and failures

    void onTimeout(PendingRequest pending) {
        switch (pending.kind()) {
            case INVITE -> {
                CalleeLeg leg = pending.calleeLeg();
                leg.finalReceived = true;
                if (leg != callee) {
                    return;
                }
                if (callerCancelled || ended) {
                    finish(CallOutcome.CANCELLED);
                } else {
                    LOG.info("call {}: no answer from the core before the transaction timed out", callId);
                    legFailed(leg, Response.REQUEST_TIMEOUT, () -> {
                        caller.answer(Response.REQUEST_TIMEOUT, "Request Timeout", null);
                        finish(CallOutcome.TIMED_OUT);
                    });
                }
            }
            case BYE -> {
                if (counts(pending)) {
                    byeDone();
                }
            }
            case RELAYED -> {
                try {
                    ServerTransaction waiting = pending.relayedFrom();
                    waiting.sendResponse(ctx.sip().response(Response.REQUEST_TIMEOUT, waiting.getRequest(), null));
                } catch (Exception e) {
                    LOG.debug("call {}: {}", callId, e.toString());
                }
            }
            case KEEPALIVE -> {
                if (keepAlive != null) {
                    keepAlive.onTimeout(pending);
                }
            }
            case CANCEL, PRACK_OWN -> { }
        }
    }

    /** Both legs are up: from now on the B2BUA checks now and then that both parties still know the call. */
    private void startKeepAlive() {
        keepAlive = new DialogKeepAlive(this, ctx, ctx.keepAliveInterval(), ctx.keepAliveTimeout(), this::partyGone);
        keepAlive.start();
    }

    /**
     * A party no longer answers in its dialog (its BYE was lost, or it died): the call is released as the server's
     * doing, and ends as answered at the moment the server noticed, which is what billing charges up to.
     */
    private void partyGone(Side side, String why) {
        if (!isConfirmed()) {
            return;
        }
        LOG.info("call {}: the {} is gone ({}); releasing the call", callId, side.name().toLowerCase(), why);
        releaseAsServer();
    }

    /** RFC 4028: the session interval passed with no refresh; the endpoints consider the session over. */
    private void sessionExpired(Duration interval) {
        if (!isConfirmed()) {
            return;
        }
        LOG.info("call {}: no session refresh within its {} s session interval; releasing the call", callId,
                interval.toSeconds());
        releaseAsServer();
    }

    /** The end is decided now, before the BYEs go: billing stops here, whatever the BYEs meet. */
    private void releaseAsServer() {
        releasedBy = CallEnd.Releaser.SERVER;
        reportEnd(CallOutcome.ANSWERED);
        release(CallOutcome.ANSWERED);
    }

    /** Our 200 to the caller was never acknowledged: the caller is gone, so the call is released. */
    void onDialogTimeout() {
        if (byeToCallerWaitsForAck && !ended) {
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
                    caller.answer(Response.SERVICE_UNAVAILABLE, "Service Unavailable", null);
                    if (callee != null) {
                        callee.cancelTimers();
                        callee.cancel();
                    }
                    finish(outcome);
                }
                case ANSWERED, CONFIRMED -> {
                    releaseOutcome = outcome;
                    state = State.RELEASING;
                    callee.ack(null);
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

    /** The caller is gone before the answer: so is the current leg (earlier ones went when they were left). */
    private void cancelCallee() {
        if (callee == null) {
            finish(CallOutcome.CANCELLED);
            return;
        }
        callee.cancelTimers();
        callee.cancel();
    }

    /** A body from one leg to the other; from the caller, it goes through the current leg's privacy. */
    private void copyBodyOnward(Side from, Message source, Message onward) throws Exception {
        if (from == Side.CALLER && callee != null) {
            callee.privacy.copyBody(source, onward);
        } else {
            SipMessages.copyBody(source, onward);
        }
    }

    private void sendBye(Side towards) {
        Dialog dialog = dialogOf(towards);
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction tx = ctx.provider().getNewClientTransaction(bye);
            tx.setApplicationData(towards == Side.CALLER
                    ? PendingRequest.toCaller(this, PendingRequest.Kind.BYE, null)
                    : PendingRequest.toCallee(callee, PendingRequest.Kind.BYE, null));
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

    /** Only the BYEs of the call's own two legs hold up its end, not one to a leg left behind. */
    private boolean counts(PendingRequest bye) {
        return bye.calleeLeg() == null || bye.calleeLeg() == callee;
    }

    /** Which of the call's two legs a dialog is; null for the dialog of an onward leg left behind. */
    private Side sideOf(Dialog dialog) {
        if (dialog == caller.dialog) {
            return Side.CALLER;
        }
        return callee != null && dialog == callee.dialog ? Side.CALLEE : null;
    }

    Dialog dialogOf(Side side) {
        return side == Side.CALLER ? caller.dialog : callee == null ? null : callee.dialog;
    }

    private CalleeLeg legOf(Dialog dialog) {
        if (callee != null && callee.dialog == dialog) {
            return callee;
        }
        for (CalleeLeg leg : earlierLegs) {
            if (leg.dialog == dialog) {
                return leg;
            }
        }
        return null;
    }

    /** The Call-IDs of every onward leg the call tried. */
    private List<String> legCallIds() {
        List<String> ids = new ArrayList<>(earlierLegs.size() + 1);
        for (CalleeLeg leg : earlierLegs) {
            ids.add(leg.legCallId);
        }
        if (callee != null) {
            ids.add(callee.legCallId);
        }
        return ids;
    }

    /** For logs: which call, where it stands. Read from another thread, so only a best-effort snapshot. */
    @Override
    public String toString() {
        CalleeLeg leg = callee;
        return callId + " " + state + (leg != null ? " callee " + leg : "")
                + (earlierLegs.isEmpty() ? "" : " legs=" + (earlierLegs.size() + 1))
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
        if (setup != null && setup.isTerminatingPass()) {
            ctx.metrics().terminatingPassEnded(outcome);
        } else {
            ctx.metrics().callEnded(outcome);
        }
        if (local != null) {
            local.close();
        }
        if (announcing != null) {
            announcing.close();
        }
        if (callee != null) {
            callee.end();
        }
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (sessionWatch != null) {
            sessionWatch.stop();
        }
        stopAckWatch();
        if (ctx.callKeys().isKeeping()) {
            ctx.callKeys().callEnded(legCallIds());
        }
        reportEnd(outcome);
        LOG.debug("call {} ended: {}", callId, outcome);
    }

    /**
     * Tells the services the call is over, once: when it is decided (a BYE from either side), before the server
     * answers that BYE, so that a journal written here holds the release before anyone is told it happened; or
     * when the call is finished, if nothing decided it earlier.
     */
    private void reportEnd(CallOutcome outcome) {
        if (endReported || setup == null) {
            return;
        }
        endReported = true;
        try {
            listener.onEnded(new CallEnd(outcome, caller.finalStatus, releasedBy,
                    Optional.ofNullable(caller.alertedAt), Optional.ofNullable(caller.answeredAt),
                    ctx.clock().instant(), callee == null ? List.of() : callee.plan.diversions()));
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on call end", callId, e);
        }
    }
}
