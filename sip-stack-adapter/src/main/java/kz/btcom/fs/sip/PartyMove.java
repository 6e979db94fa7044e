package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;

/**
 * One party of a confirmed call moved onto the server's own media (RFC 4579 5.5, the focus taking in a party its
 * controller named by Replaces): a re-INVITE of the party's leg with the media's offer, and on its 2xx the ACK, the
 * media started, and a BYE on the other leg, whose party (the controller) is now in the conference through its own
 * call to the focus. From then on the call is the party's alone: its requests are answered by the media, its BYE
 * ends the call, and the server hangs it up when the media says so. Runs on the call's lane.
 */
final class PartyMove {

    private static final Logger LOG = LoggerFactory.getLogger(PartyMove.class);

    private final B2buaCall call;
    private final CallContext ctx;
    /** The side that stays: the party that moves onto the server's media. */
    final Side party;
    private final LocalMedia media;
    private final CallMover.MoveEvents events;
    private boolean moved;
    private boolean over;

    PartyMove(B2buaCall call, CallContext ctx, Side party, LocalMedia media, CallMover.MoveEvents events) {
        this.call = call;
        this.ctx = ctx;
        this.party = party;
        this.media = media;
        this.events = events;
    }

    /** The party's leg is on the server's media, and the other leg is gone. */
    boolean isMoved() {
        return moved;
    }

    /** The re-INVITE is out and not yet answered. */
    boolean isUnderWay() {
        return !moved && !over;
    }

    /** Sends the re-INVITE with the media's offer. */
    void start() {
        try {
            Dialog dialog = call.dialogOf(party);
            Request reinvite = dialog.createRequest(Request.INVITE);
            reinvite.setHeader(ourContact());
            reinvite.setContent(media.sdpAnswer(""), ctx.sip().headers.createContentTypeHeader("application", "sdp"));
            ClientTransaction tx = ctx.provider().getNewClientTransaction(reinvite);
            tx.setApplicationData(party == Side.CALLER
                    ? PendingRequest.toCaller(call, PendingRequest.Kind.MOVE, null)
                    : PendingRequest.toCallee(call.currentCallee(), PendingRequest.Kind.MOVE, null));
            dialog.sendRequest(tx);
            LOG.info("call {}: moving the {} onto the server's media", call.callId, party.name().toLowerCase());
        } catch (MediaRefusedException e) {
            fail(e.statusCode());
        } catch (Exception e) {
            LOG.info("call {}: could not re-INVITE the {}: {}", call.callId, party.name().toLowerCase(), e.toString());
            fail(Response.SERVER_INTERNAL_ERROR);
        }
    }

    /** The party's answer to our re-INVITE. */
    void onResponse(Response response) {
        int status = response.getStatusCode();
        if (status < 200 || over || moved) {
            return;
        }
        if (status >= 300) {
            LOG.info("call {}: the {} refused the move with {}", call.callId, party.name().toLowerCase(), status);
            fail(status);
            return;
        }
        try {
            Dialog dialog = call.dialogOf(party);
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
            if (SipMessages.hasBody(response)) {
                media.remoteAnswer(new String(response.getRawContent(), StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            LOG.info("call {}: the {}'s answer to the move is unusable: {}", call.callId, party.name().toLowerCase(),
                    e.toString());
            fail(Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        moved = true;
        call.enter(B2buaCall.State.MOVED);
        call.callRelease().releaseLeftBehind(party.other());
        media.start(() -> ctx.lanes().execute(call.lane, call.callRelease()::hangUpMoved));
        events.onMoved();
    }

    /** The re-INVITE got no final answer. */
    void onTimeout() {
        if (!over && !moved) {
            fail(Response.REQUEST_TIMEOUT);
        }
    }

    /**
     * A request from the party once it is on the server's media: an offer (hold, a codec change, a session refresh)
     * gets the media's answer, anything else a plain 200, except a REFER: there is nobody here to transfer.
     */
    void answerInDialog(ServerTransaction tx, Request request) throws Exception {
        if (Request.REFER.equals(request.getMethod())) {
            tx.sendResponse(ctx.sip().response(Response.FORBIDDEN, request, null));
            return;
        }
        LocalCall.answerInDialog(ctx, media, ourContact(), tx, request);
    }

    /** The call is over: so is the media; a move still under way failed with it (the call was released). */
    void close() {
        boolean underWay = isUnderWay();
        over = true;
        media.close();
        if (underWay) {
            events.onFailed(Response.REQUEST_TERMINATED);
        }
    }

    private void fail(int status) {
        over = true;
        media.close();
        call.moveEnded(this);
        events.onFailed(status);
    }

    private ContactHeader ourContact() {
        return call.caller.contact();
    }
}
