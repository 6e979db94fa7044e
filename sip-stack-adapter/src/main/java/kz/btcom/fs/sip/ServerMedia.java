package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * The calls the server's own media takes part in: a call the server answers itself ({@link LocalCall}), and a
 * refusal played as an announcement before its final response. Either way the media is closed when the call ends.
 * Runs on the call's lane.
 */
final class ServerMedia {

    private static final Logger LOG = LoggerFactory.getLogger(ServerMedia.class);

    private final B2buaCall call;
    private final CallContext ctx;
    /** The server's own answer and media, when it answered the call itself. */
    private LocalCall local;
    /** The announcement played before a refusal, closed when the call ends. */
    private LocalMedia announcing;

    ServerMedia(B2buaCall call, CallContext ctx) {
        this.call = call;
        this.ctx = ctx;
    }

    /**
     * Refuses the call, after its announcement when there is one and the caller offered SDP: the announcement
     * plays as early media, and its end (or the media's own safety limit) sends the final response.
     */
    void reject(CallDecision.Reject reject) throws Exception {
        CallerLeg caller = call.caller;
        if (reject.announcement().isEmpty() || caller.offer().isEmpty()) {
            reject.announcement().ifPresent(LocalMedia::close);
            caller.answer(reject.statusCode(), reject.reasonPhrase(), null);
            call.finish(CallOutcome.REJECTED);
            return;
        }
        LocalMedia announcement = reject.announcement().get();
        announcing = announcement;
        try {
            caller.earlyMedia(announcement.sdpAnswer(caller.offer()));
        } catch (MediaRefusedException e) {
            LOG.info("call {}: no announcement ({}): refused at once", call.callId, e.getMessage());
            caller.answer(reject.statusCode(), reject.reasonPhrase(), null);
            call.finish(CallOutcome.REJECTED);
            return;
        }
        call.enter(B2buaCall.State.EARLY);
        announcement.start(() -> ctx.lanes().execute(call.lane, () -> {
            if (!call.isOver() && !call.callerGaveUp()) {
                caller.answer(reject.statusCode(), reject.reasonPhrase(), null);
                call.finish(CallOutcome.REJECTED);
            }
        }));
    }

    /** The server answers the call itself; its media may still refuse the caller's offer. */
    void answer(CallDecision.Answer answer) throws Exception {
        LocalMedia media = answer.media();
        if (answer.focus().isPresent()) {
            call.caller.answerAsFocus(answer.focus().get());
        }
        local = new LocalCall(ctx, call.caller, media);
        try {
            local.answer();
        } catch (MediaRefusedException e) {
            LOG.info("call {}: the server's media refuses it: {}", call.callId, e.getMessage());
            call.caller.answer(e.statusCode(), e.reasonPhrase(), null);
            call.finish(CallOutcome.REJECTED);
            return;
        }
        call.enter(B2buaCall.State.LOCAL);
        call.supervision().watchForAck();
    }

    /** The caller's ACK of the server's own answer: the media starts, and hangs up through the call's lane. */
    void onAck(Request ack) {
        local.onAck(ack, () -> ctx.lanes().execute(call.lane, call.callRelease()::hangUpLocal));
    }

    /** A request inside a call the server answered: its media answers it. */
    void answerInDialog(ServerTransaction tx, Request request) throws Exception {
        local.answerInDialog(tx, request);
    }

    /** The call is over: the media goes with it. */
    void close() {
        if (local != null) {
            local.close();
        }
        if (announcing != null) {
            announcing.close();
        }
    }
}
