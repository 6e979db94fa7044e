package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallParty;
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
import java.util.Optional;

/**
 * The requests inside a call, from one party to the other: re-INVITE, UPDATE, INFO, PRACK, REFER and the rest are
 * passed to the other leg and the answer passed back, with the ACK of a relayed re-INVITE's 2xx. An INFO and a REFER
 * are shown to the call's listener first, which may take the INFO or refuse the REFER. Runs on the call's lane.
 */
final class InDialogRelay {

    private static final Logger LOG = LoggerFactory.getLogger(InDialogRelay.class);

    private final B2buaCall call;
    private final CallContext ctx;
    /** A relayed re-INVITE whose 2xx we forwarded: the ACK from {@link #reinviteAckFrom} goes on with this CSeq. */
    private Side reinviteAckFrom;
    private long reinviteAckCseq;
    /** Relayed re-INVITEs without their final answer yet: a party move waits for none (RFC 3261 14.1). */
    private int reinvitesRelayed;

    InDialogRelay(B2buaCall call, CallContext ctx) {
        this.call = call;
        this.ctx = ctx;
    }

    /** A request in the dialog of {@code from}; null when it is the dialog of a leg left behind. */
    void onRequest(Side from, ServerTransaction tx, Request request) {
        try {
            if (from == null) {
                tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
                return; // the dialog of a leg left behind
            }
            CalleeLeg callee = call.legs().current();
            boolean prackFromCaller = Request.PRACK.equals(request.getMethod()) && from == Side.CALLER;
            Dialog target = call.dialogOf(from.other());
            boolean legUp = target != null && (callee.isAnswered() || callee.lastReliable() != null
                    || Request.UPDATE.equals(request.getMethod()) || Request.INFO.equals(request.getMethod()));
            if (call.state() == B2buaCall.State.LOCAL && !call.isOver()) {
                if (Request.REFER.equals(request.getMethod())) {
                    takeRefer(tx, request);
                } else {
                    call.serverMedia().answerInDialog(tx, request);
                }
                return;
            }
            if (call.state() == B2buaCall.State.MOVED && !call.isOver()) {
                call.partyMove().answerInDialog(tx, request);
                return;
            }
            if (call.partyMove() != null && call.partyMove().isUnderWay() && isSessionRefresh(request)) {
                tx.sendResponse(ctx.sip().response(Response.REQUEST_PENDING, request, null)); // RFC 3261 14.2
                return;
            }
            CalleeLeg reliableFrom = call.caller.reliableFrom();
            if (prackFromCaller && !call.isOver() && reliableFrom != null && reliableFrom != callee) {
                // It acknowledges a 1xx of a leg left behind: nobody to pass it to, and the caller needs its 200.
                tx.sendResponse(ctx.sip().response(Response.OK, request, null));
                return;
            }
            if (call.isOver() || call.state() == B2buaCall.State.RELEASING || !legUp) {
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
                onward = callee.dialog().createPrack(callee.lastReliable());
            } else {
                onward = target.createRequest(request.getMethod());
                if (from == Side.CALLER) {
                    callee.privacy().copyHeaders(request, onward, InDialogHeaders.COPIED);
                } else {
                    SipMessages.copyHeaders(request, onward, InDialogHeaders.COPIED);
                }
            }
            copyBodyOnward(from, request, onward);
            ClientTransaction out = ctx.provider().getNewClientTransaction(onward);
            if (Request.INVITE.equals(request.getMethod())) {
                reinvitesRelayed++;
            }
            out.setApplicationData(from == Side.CALLER
                    ? PendingRequest.toCallee(callee, PendingRequest.Kind.RELAYED, tx)
                    : PendingRequest.toCaller(call, PendingRequest.Kind.RELAYED, tx));
            target.sendRequest(out);
        } catch (Exception e) {
            LOG.info("call {}: could not relay {}: {}", call.callId, request.getMethod(), e.toString());
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
            return call.listener().onInfo(partyOf(from), SipMessages.contentType(info), SipMessages.bodyText(info));
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on an INFO from the {}; relaying it", call.callId,
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
            ReferDecision decision = call.listener().onRefer(partyOf(from), request.get());
            return decision == null ? ReferDecision.RELAY : decision;
        } catch (RuntimeException e) {
            LOG.error("call {}: the services failed on a REFER from the {}; relaying it", call.callId,
                    from.name().toLowerCase(), e);
            return ReferDecision.RELAY;
        }
    }

    /**
     * A REFER in a call the server answered itself: only the services can take it (a conference focus adding a
     * party), with 202 and NOTIFYs; there is nobody to relay it to, so anything else refuses it.
     */
    private void takeRefer(ServerTransaction tx, Request refer) throws Exception {
        if (ReferReader.read(refer).isEmpty()) {
            Response bad = ctx.sip().response(Response.BAD_REQUEST, refer, null);
            bad.setReasonPhrase("Missing or unreadable Refer-To");
            tx.sendResponse(bad);
            return;
        }
        ReferDecision decision = servicesOnRefer(Side.CALLER, refer);
        if (decision instanceof ReferDecision.Accept accept) {
            tx.sendResponse(ctx.sip().response(Response.ACCEPTED, refer, null));
            ReferSubscription subscription = new ReferSubscription(call, ctx);
            subscription.report(Response.TRYING, "Trying");
            accept.taker().accept(subscription);
            return;
        }
        int status = decision instanceof ReferDecision.Refuse refuse ? refuse.status() : Response.FORBIDDEN;
        Response refused = ctx.sip().response(status, refer, null);
        refused.setReasonPhrase(decision instanceof ReferDecision.Refuse refuse ? refuse.reason()
                : "Nobody to refer to in this call");
        tx.sendResponse(refused);
    }

    /** Whether a relayed re-INVITE still waits for its final answer. */
    boolean reinviteUnderWay() {
        return reinvitesRelayed > 0;
    }

    private static CallParty partyOf(Side side) {
        return side == Side.CALLER ? CallParty.CALLER : CallParty.CALLEE;
    }

    /** The other party's answer to a relayed request, passed back to the party that sent it. */
    void relayResponse(PendingRequest pending, Response response) throws Exception {
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        ServerTransaction waiting = pending.relayedFrom();
        Request original = waiting.getRequest();
        if (status >= 200 && Request.INVITE.equals(original.getMethod()) && reinvitesRelayed > 0) {
            reinvitesRelayed--;
        }
        Response back = ctx.sip().response(status, original, null);
        back.setReasonPhrase(response.getReasonPhrase());
        if (Request.INVITE.equals(original.getMethod()) && status >= 200 && status < 300) {
            back.setHeader(call.caller.contact());
            reinviteAckFrom = pending.towards().other();
            reinviteAckCseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        }
        SipMessages.copyHeaders(response, back, CallerLeg.RESPONSE_HEADERS);
        if (status >= 200 && status < 300 && isSessionRefresh(original)) {
            // RFC 4028 9: the refresher schedules its next refresh from the Session-Expires of this 2xx; without it
            // it concludes the other side has no session timer and stops, and the other side ends the call.
            SipMessages.copyHeaders(response, back, CallerLeg.ANSWER_HEADERS);
            call.supervision().sessionRefreshed(response);
        }
        SipMessages.copyBody(response, back);
        waiting.sendResponse(back);
    }

    /** A re-INVITE or UPDATE: what RFC 4028 refreshes a session with. */
    private static boolean isSessionRefresh(Request request) {
        return Request.INVITE.equals(request.getMethod()) || Request.UPDATE.equals(request.getMethod());
    }

    /** The other party never answered a relayed request: the party that sent it gets 408. */
    void onTimeout(PendingRequest pending) {
        try {
            ServerTransaction waiting = pending.relayedFrom();
            if (Request.INVITE.equals(waiting.getRequest().getMethod()) && reinvitesRelayed > 0) {
                reinvitesRelayed--;
            }
            waiting.sendResponse(ctx.sip().response(Response.REQUEST_TIMEOUT, waiting.getRequest(), null));
        } catch (Exception e) {
            LOG.debug("call {}: {}", call.callId, e.toString());
        }
    }

    /** An ACK in the call: true when it was for a relayed re-INVITE's 2xx, and went on to the other party. */
    boolean relayAck(Side from, Request ack) throws Exception {
        if (from != reinviteAckFrom) {
            return false;
        }
        Dialog target = call.dialogOf(from.other());
        Request onward = target.createAck(reinviteAckCseq);
        copyBodyOnward(from, ack, onward);
        target.sendAck(onward);
        reinviteAckFrom = null;
        return true;
    }

    /** A body from one leg to the other; from the caller, it goes through the current leg's privacy. */
    private void copyBodyOnward(Side from, Message source, Message onward) throws Exception {
        CalleeLeg callee = call.legs().current();
        if (from == Side.CALLER && callee != null) {
            callee.privacy().copyBody(source, onward);
        } else {
            SipMessages.copyBody(source, onward);
        }
    }
}
