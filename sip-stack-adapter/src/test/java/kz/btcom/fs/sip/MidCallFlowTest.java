package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Requests inside an answered call (hold and resume, UPDATE, INFO) go to the other leg, answers come back. */
class MidCallFlowTest {

    private RunningB2bua b2bua;
    private RunningB2bua.AnsweredCall call;

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
        call = b2bua.answeredCall();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void theCallerPutsTheCalleeOnHoldWithAReInvite() {
        call.callerLeg().request("INVITE").sdp(Sdp.HOLD).send();
        SipMessage reinvite = b2bua.core.expectRequest("INVITE");
        assertEquals(call.onwardInvite().callId(), reinvite.callId());
        assertNotNull(reinvite.toTag(), "a re-INVITE is in the dialog");
        assertEquals(Sdp.HOLD, reinvite.body());

        b2bua.core.replyWithSdp(reinvite, 200, Sdp.HOLD_ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(Sdp.HOLD_ANSWER, ok.body());

        call.callerLeg().ack(ok).send();
        SipMessage ack = b2bua.core.expectRequest("ACK");
        assertEquals(reinvite.cseq(), ack.cseq(), "the ACK acknowledges the re-INVITE");
        hangUp();
    }

    @Test
    void theCalleePutsTheCallerOnHoldWithAReInvite() {
        call.calleeLeg().request("INVITE").sdp(Sdp.CALLEE_HOLD).send();
        SipMessage reinvite = b2bua.caller.expectRequest("INVITE");
        assertEquals(call.invite().callId(), reinvite.callId());
        assertEquals(Sdp.CALLEE_HOLD, reinvite.body());

        b2bua.caller.replyWithSdp(reinvite, 200, Sdp.CALLEE_HOLD_ANSWER);
        SipMessage ok = b2bua.core.expectResponse(200, "INVITE");
        assertEquals(Sdp.CALLEE_HOLD_ANSWER, ok.body());

        call.calleeLeg().ack(ok).send();
        SipMessage ack = b2bua.caller.expectRequest("ACK");
        assertEquals(reinvite.cseq(), ack.cseq());
        hangUp();
    }

    @Test
    void aReInviteTheCalleeRefusesLeavesTheCallAsItWas() {
        SipMessage reinvite = call.callerLeg().request("INVITE").sdp(Sdp.HOLD).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 488);
        b2bua.core.expectRequest("ACK"); // the server's transaction acknowledges the 488 itself

        SipMessage refused = b2bua.caller.expectResponse(488, "INVITE");
        b2bua.caller.ackFailure(reinvite, refused);
        hangUp();
    }

    @Test
    void anUpdateIsRelayedWithItsAnswer() {
        call.callerLeg().request("UPDATE").sdp(Sdp.HOLD).send();
        SipMessage update = b2bua.core.expectRequest("UPDATE");
        assertEquals(Sdp.HOLD, update.body());
        b2bua.core.replyWithSdp(update, 200, Sdp.HOLD_ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "UPDATE");
        assertEquals(Sdp.HOLD_ANSWER, ok.body());
        hangUp();
    }

    @Test
    void anInfoIsRelayedBothWaysWithItsResponse() {
        call.callerLeg().request("INFO").body("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n").send();
        SipMessage info = b2bua.core.expectRequest("INFO");
        assertEquals("Signal=5\r\nDuration=160\r\n", info.body());
        b2bua.core.reply(info, 200);
        b2bua.caller.expectResponse(200, "INFO");

        call.calleeLeg().request("INFO").header("Info-Package", "dtmf").body("application/dtmf", "*39#").send();
        SipMessage back = b2bua.caller.expectRequest("INFO");
        assertEquals("dtmf", back.header("Info-Package"));
        b2bua.caller.reply(back, 415);
        b2bua.core.expectResponse(415, "INFO");
        hangUp();
    }

    /** RFC 4028: without Session-Expires in the refresh's 2xx, the refresher stopped and the callee ended the call. */
    @Test
    void theSessionExpiresOfASessionRefreshsAnswerWasLostOnTheWayBack() {
        call.callerLeg().request("UPDATE").header("Supported", "timer")
                .header("Session-Expires", "1800;refresher=uac").send();
        SipMessage update = b2bua.core.expectRequest("UPDATE");
        assertEquals("1800;refresher=uac", update.header("Session-Expires"));
        b2bua.core.reply(update, 200, "Session-Expires: 1800;refresher=uac", "Require: timer");

        SipMessage ok = b2bua.caller.expectResponse(200, "UPDATE");
        assertEquals("1800;refresher=uac", ok.header("Session-Expires"));
        assertEquals("timer", ok.header("Require"));
        hangUp();
    }

    private void hangUp() {
        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }
}
