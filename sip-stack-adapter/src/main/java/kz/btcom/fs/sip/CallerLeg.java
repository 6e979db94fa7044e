package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.RSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

/**
 * The caller's side of a call as the B2BUA answers it: the INVITE's server transaction and dialog, and one To tag
 * on every response, so the caller sees one dialog whatever the callee's side does (several legs one after
 * another, the server answering itself). Builds and sends the responses; when to send them is {@link B2buaCall}'s.
 */
final class CallerLeg {

    private static final Logger LOG = LoggerFactory.getLogger(CallerLeg.class);

    /** Headers a response from the callee carries back to the caller as they are. */
    static final List<String> RESPONSE_HEADERS = List.of(
            SetupReader.P_ASSERTED_IDENTITY, SetupReader.PRIVACY, "Allow", "Supported", "Retry-After",
            "Warning", "Reason", "Alert-Info", "Call-Info", "Server", "Unsupported", "Accept", "Min-SE");
    /** Headers only a final answer (to the INVITE, or to a session refresh) carries back as they are. */
    static final List<String> ANSWER_HEADERS = List.of("Require", "Session-Expires");

    private final CallContext ctx;
    private final String callId;
    /** The caller's INVITE and its transaction, until the call is confirmed (see {@link #confirmed()}). */
    ServerTransaction invite;
    Request request;
    final Dialog dialog;
    final String toTag = Tags.newTag();
    /** What the caller was told, for the call's end: its final status, when it rang, when it was answered. */
    private int finalStatus;
    private Instant alertedAt;
    private Instant answeredAt;
    /** The transport the INVITE came in on. */
    final String transport;
    /** The onward leg whose reliable provisional response the caller got last: the caller's PRACK is for it. */
    private CalleeLeg reliableFrom;
    /** The conference URI's Contact when the server answered as a focus; null: our plain Contact. */
    private ContactHeader focusContact;

    CallerLeg(CallContext ctx, ServerTransaction invite, String transport) {
        this.ctx = ctx;
        this.invite = invite;
        this.request = invite.getRequest();
        this.dialog = invite.getDialog();
        this.callId = Headers.callId(request);
        this.transport = transport;
    }

    /**
     * The caller acknowledged its 200: nothing more is ever said on the INVITE's transaction (the dialog carries
     * the rest), so the leg lets go of it and of the INVITE, which the stack keeps no longer either: some 5 KB of
     * parsed headers for each answered call, held as long as the call lasts.
     */
    void confirmed() {
        invite = null;
        request = null;
    }

    /** The last final response the caller got (200 when answered); 0 before any. */
    int finalStatus() {
        return finalStatus;
    }

    /** When the caller was first told the callee rings; null when never. */
    Instant alertedAt() {
        return alertedAt;
    }

    /** When the caller got its 200; null when never. */
    Instant answeredAt() {
        return answeredAt;
    }

    /** The onward leg whose reliable 1xx the caller got last; null when none. */
    CalleeLeg reliableFrom() {
        return reliableFrom;
    }

    /** Our Contact, on the transport the caller used (the conference URI when we answered as its focus). */
    ContactHeader contact() {
        return focusContact != null ? (ContactHeader) focusContact.clone() : ctx.sip().contactFor(transport);
    }

    /**
     * From now on our Contact is the conference URI {@code <sip:user@our host>;isfocus} (RFC 4579 4.1): where the
     * caller sends its REFERs, and the remote target of the dialog.
     */
    void answerAsFocus(String conferenceUser) throws ParseException {
        ContactHeader contact = ctx.sip().contactFor(transport);
        ((SipURI) contact.getAddress().getURI()).setUser(conferenceUser);
        contact.setParameter("isfocus", null);
        focusContact = contact;
    }

    /** The caller's SDP offer; empty when it offers nothing (the offer is then ours, in the 200). */
    String offer() {
        return SipMessages.hasBody(request) ? new String(request.getRawContent(), StandardCharsets.UTF_8) : "";
    }

    /** A response of our own (a failure, 487, 503...), with what the callee's said when it is a relay. */
    void answer(int status, String reason, Response fromCallee) {
        if (invite == null) {
            return; // confirmed: answered long since, and the caller knows it
        }
        finalStatus = status;
        try {
            Response response = ctx.sip().response(status, request, toTag);
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            if (fromCallee != null) {
                SipMessages.copyHeaders(fromCallee, response, RESPONSE_HEADERS);
            }
            invite.sendResponse(response);
        } catch (Exception e) {
            LOG.debug("call {}: could not send {} to the caller: {}", callId, status, e.toString());
        }
    }

    /**
     * The callee's 1xx, passed on: reliably when the callee sent it reliably and the caller does 100rel, else
     * plainly, and then the B2BUA acknowledges the callee's reliable 1xx itself.
     */
    void relayProvisional(CalleeLeg leg, Response fromCallee) throws Exception {
        if (fromCallee.getStatusCode() == Response.RINGING && alertedAt == null) {
            alertedAt = ctx.clock().instant();
        }
        boolean reliable = fromCallee.getHeader(RSeqHeader.NAME) != null;
        if (reliable) {
            leg.reliableProvisional(fromCallee);
        }
        if (reliable && (SipMessages.mentions100rel(request, "Require")
                || SipMessages.mentions100rel(request, "Supported"))) {
            Response toCaller = dialog.createReliableProvisionalResponse(fromCallee.getStatusCode());
            // The dialog leaves the To tag to us (the stack refuses a reliable 1xx without one): the same tag as
            // every other response to this caller, or the 180 and the 200 would make two dialogs.
            ((ToHeader) toCaller.getHeader(ToHeader.NAME)).setTag(toTag);
            fillFromCallee(toCaller, fromCallee);
            dialog.sendReliableProvisionalResponse(toCaller);
            reliableFrom = leg;
        } else {
            if (reliable) {
                // The caller cannot acknowledge it, so the B2BUA does, and the callee stops retransmitting.
                leg.prack(fromCallee);
            }
            Response toCaller = ctx.sip().response(fromCallee.getStatusCode(), request, toTag);
            fillFromCallee(toCaller, fromCallee);
            invite.sendResponse(toCaller);
        }
    }

    /** The callee's 2xx, passed on. */
    void relayAnswer(Response fromCallee) throws Exception {
        answered();
        Response ok = ctx.sip().response(Response.OK, request, toTag);
        fillFromCallee(ok, fromCallee);
        invite.sendResponse(ok);
    }

    /**
     * 181 Call Is Being Forwarded (TS 24.604), sent plainly even to a caller that does 100rel: a reliable one could
     * not go while the callee's reliable 1xx awaits its PRACK, and its own PRACK would have nowhere to go.
     */
    void tellForwarded() throws Exception {
        Response forwarded = ctx.sip().response(Response.CALL_IS_BEING_FORWARDED, request, toTag);
        forwarded.setReasonPhrase("Call Is Being Forwarded");
        forwarded.setHeader(contact());
        invite.sendResponse(forwarded);
    }

    /** 183 Session Progress with the server's own SDP: an announcement before the call is refused. */
    void earlyMedia(String sdp) throws Exception {
        Response progress = ctx.sip().response(Response.SESSION_PROGRESS, request, toTag);
        progress.addHeader(contact());
        progress.setContent(sdp, ctx.sip().headers.createContentTypeHeader("application", "sdp"));
        invite.sendResponse(progress);
    }

    /** The server answers the call itself, with its own media's SDP. */
    void answerLocally(String sdp) throws Exception {
        answered();
        Response ok = ctx.sip().response(Response.OK, request, toTag);
        ok.addHeader(contact());
        ok.setContent(sdp, ctx.sip().headers.createContentTypeHeader("application", "sdp"));
        invite.sendResponse(ok);
    }

    private void answered() {
        finalStatus = Response.OK;
        if (answeredAt == null) {
            answeredAt = ctx.clock().instant();
        }
    }

    private void fillFromCallee(Response toCaller, Response fromCallee) throws Exception {
        toCaller.setReasonPhrase(fromCallee.getReasonPhrase());
        if (fromCallee.getStatusCode() > 100) {
            toCaller.setHeader(contact());
        }
        SipMessages.copyHeaders(fromCallee, toCaller, RESPONSE_HEADERS);
        if (fromCallee.getStatusCode() >= 200) {
            // RFC 4028: the callee's choice of session interval and refresher must reach the caller, or nobody
            // refreshes and the callee ends the call. (On a 1xx, Require names 100rel for that hop only.)
            SipMessages.copyHeaders(fromCallee, toCaller, ANSWER_HEADERS);
        }
        SipMessages.copyBody(fromCallee, toCaller);
    }
}
