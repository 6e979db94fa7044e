package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.Dialog;
import javax.sip.message.Response;

/**
 * What the callee answers to the INVITE of an onward leg, relayed to the caller while the call is set up: the
 * provisional responses, the answer, a failure (which the leg's watcher may turn into the next leg), and an INVITE
 * that got no answer at all. A leg left behind speaks to nobody. Runs on the call's lane.
 */
final class CalleeResponses {

    private static final Logger LOG = LoggerFactory.getLogger(CalleeResponses.class);

    private final B2buaCall call;

    CalleeResponses(B2buaCall call) {
        this.call = call;
    }

    void onInviteResponse(CalleeLeg leg, Response response) throws Exception {
        if (leg != call.legs().current()) {
            leg.onResponseAfterLeaving(response);
            return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            if (leg.onProvisional() || status == Response.TRYING || call.callerGaveUp() || call.isOver()) {
                return;
            }
            relayProvisional(leg, response);
            if (status == Response.RINGING) {
                leg.ringing();
            }
        } else if (status < 300) {
            onAnswer(leg, response);
        } else {
            leg.finalFailure();
            if (call.callerGaveUp() || call.isOver()) {
                call.finish(CallOutcome.CANCELLED);
                return;
            }
            call.legs().failed(leg, status, () -> {
                call.endReport().releasedBy(CallEnd.Releaser.CALLEE);
                call.caller.answer(status, response.getReasonPhrase(), response);
                call.finish(CallOutcome.UNANSWERED);
            });
        }
    }

    private void relayProvisional(CalleeLeg leg, Response fromCallee) throws Exception {
        if (!call.isBeforeAnswer()) {
            return; // a 180 overtaken by the 200 on another stack thread: the caller must not see it now
        }
        call.caller.relayProvisional(leg, fromCallee);
        call.enter(B2buaCall.State.EARLY);
    }

    private void onAnswer(CalleeLeg leg, Response answer) throws Exception {
        if (!leg.answeredWith(answer)) {
            return; // a retransmitted 2xx: the dialog re-sends our ACK once it has been sent
        }
        if (call.callerGaveUp() || call.isOver() || call.state() == B2buaCall.State.RELEASING) {
            call.callRelease().hangUpLateAnswer(leg);
            return;
        }
        call.caller.relayAnswer(answer);
        call.enter(B2buaCall.State.ANSWERED);
        leg.answered();
        call.supervision().watchForAck();
    }

    /** A 2xx the stack could not match to a transaction: a retransmission, or one that crossed our CANCEL. */
    void onStrayAnswer(Dialog dialog, Response answer) {
        try {
            CalleeLeg leg = call.legs().legOf(dialog);
            if (leg != null && leg != call.legs().current()) {
                leg.onResponseAfterLeaving(answer);
            } else if (leg != null && !leg.isAnswered()) {
                onAnswer(leg, answer);
            }
        } catch (Exception e) {
            LOG.debug("call {}: stray 2xx: {}", call.callId, e.toString());
        }
    }

    /** The INVITE transaction gave up: no final response came (Timer B), or none could be sent. */
    void onInviteTimeout(CalleeLeg leg) {
        leg.finalFailure();
        if (leg != call.legs().current()) {
            return;
        }
        if (call.callerGaveUp() || call.isOver()) {
            call.finish(CallOutcome.CANCELLED);
        } else {
            LOG.info("call {}: no answer from the core before the transaction timed out", call.callId);
            call.legs().failed(leg, Response.REQUEST_TIMEOUT, () -> {
                call.caller.answer(Response.REQUEST_TIMEOUT, "Request Timeout", null);
                call.finish(CallOutcome.TIMED_OUT);
            });
        }
    }
}
