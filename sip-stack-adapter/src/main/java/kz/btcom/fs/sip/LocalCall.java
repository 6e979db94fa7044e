package kz.btcom.fs.sip;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;

import javax.sip.ServerTransaction;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;

/**
 * A call the server answers itself (a feature code's tone, an announcement): the caller's leg and the server's
 * own media, which answers the caller's offers and starts playing once the caller's ACK confirms the call.
 */
final class LocalCall {

    private final CallContext ctx;
    private final CallerLeg caller;
    private final LocalMedia media;
    private boolean started;

    LocalCall(CallContext ctx, CallerLeg caller, LocalMedia media) {
        this.ctx = ctx;
        this.caller = caller;
        this.media = media;
    }

    /** 200 with the media's SDP. */
    void answer() throws Exception {
        caller.answerLocally(media.sdpAnswer(caller.offer()));
    }

    /** The caller's ACK: the first starts the media (with the caller's answer to our offer, if we offered). */
    void onAck(Request ack, Runnable hangUp) {
        if (started) {
            return; // a re-INVITE's ACK comes this way too
        }
        started = true;
        if (SipMessages.hasBody(ack)) {
            media.remoteAnswer(new String(ack.getRawContent(), StandardCharsets.UTF_8));
        }
        media.start(hangUp);
    }

    /**
     * A request inside the call: a re-INVITE or UPDATE with an offer (hold, a codec change) gets the media's
     * answer, so offer/answer stays whole; anything else is simply acknowledged.
     */
    void answerInDialog(ServerTransaction tx, Request request) throws Exception {
        answerInDialog(ctx, media, caller.contact(), tx, request);
    }

    /**
     * A request in a call whose other end is the server's {@code media} (answered by the server, or a party moved
     * onto its media): an offer in a re-INVITE or UPDATE gets the media's answer (488 when it refuses it), an
     * INVITE our Contact, anything else a plain 200.
     */
    static void answerInDialog(CallContext ctx, LocalMedia media, ContactHeader contact, ServerTransaction tx,
                               Request request) throws Exception {
        Response ok = ctx.sip().response(Response.OK, request, null);
        boolean offer = (Request.INVITE.equals(request.getMethod()) || Request.UPDATE.equals(request.getMethod()))
                && SipMessages.hasBody(request);
        if (offer) {
            String sdp;
            try {
                sdp = media.sdpAnswer(new String(request.getRawContent(), StandardCharsets.UTF_8));
            } catch (MediaRefusedException e) {
                tx.sendResponse(ctx.sip().response(Response.NOT_ACCEPTABLE_HERE, request, null));
                return;
            }
            ok.addHeader(contact);
            ok.setContent(sdp, ctx.sip().headers.createContentTypeHeader("application", "sdp"));
        } else if (Request.INVITE.equals(request.getMethod())) {
            ok.addHeader(contact);
        }
        tx.sendResponse(ok);
    }

    /** Releases the media, whatever ended the call. */
    void close() {
        media.close();
    }
}
