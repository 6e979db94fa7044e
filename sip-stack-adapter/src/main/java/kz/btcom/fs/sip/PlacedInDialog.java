package kz.btcom.fs.sip;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;

import javax.sip.ServerTransaction;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;

/**
 * What a placed call answers to the callee's requests in its dialog, BYE aside: the server is the far end here, with
 * its own media, as for a call it answered itself ({@link LocalCall}). An OPTIONS (the callee's keep-alive) gets 200
 * at any time; in the confirmed call an INFO is taken (200: no service listens to a placed call's DTMF yet), a
 * re-INVITE or UPDATE with an offer gets the media's answer, so offer/answer stays whole; a request for a dialog that
 * is not up gets 481, and a method a placed call has no use for (REFER, SUBSCRIBE...) gets 405.
 */
final class PlacedInDialog {

    private PlacedInDialog() {
    }

    static void answer(CallContext ctx, LocalMedia media, boolean confirmed, ServerTransaction tx, Request request)
            throws Exception {
        String method = request.getMethod();
        if (Request.OPTIONS.equals(method)) {
            Response ok = ctx.sip().response(Response.OK, request, null);
            ok.addHeader(ctx.sip().headers.createAllowHeader(SipEventRouter.ALLOWED_METHODS));
            ok.addHeader(ctx.sip().headers.createAcceptHeader("application", "sdp"));
            tx.sendResponse(ok);
            return;
        }
        boolean known = Request.INFO.equals(method) || Request.INVITE.equals(method) || Request.UPDATE.equals(method)
                || Request.BYE.equals(method);
        if (!known) {
            Response refused = ctx.sip().response(Response.METHOD_NOT_ALLOWED, request, null);
            refused.addHeader(ctx.sip().headers.createAllowHeader(SipEventRouter.ALLOWED_METHODS));
            tx.sendResponse(refused);
            return;
        }
        if (!confirmed || Request.BYE.equals(method)) {
            tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
            return;
        }
        Response ok = ctx.sip().response(Response.OK, request, null);
        boolean offer = !Request.INFO.equals(method) && SipMessages.hasBody(request);
        if (offer) {
            String sdp;
            try {
                sdp = media.sdpAnswer(new String(request.getRawContent(), StandardCharsets.UTF_8));
            } catch (MediaRefusedException e) {
                tx.sendResponse(ctx.sip().response(Response.NOT_ACCEPTABLE_HERE, request, null));
                return;
            }
            ok.setContent(sdp, ctx.sip().headers.createContentTypeHeader("application", "sdp"));
        }
        if (Request.INVITE.equals(method) || Request.UPDATE.equals(method)) {
            ok.addHeader(ctx.sip().contactFor(transportOf(request)));
        }
        tx.sendResponse(ok);
    }

    private static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport();
    }
}
