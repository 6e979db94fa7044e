package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.call.CallOutcome.CANCELLED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The caller gives up before the answer: CANCEL on the caller's leg becomes CANCEL on the callee's. */
class CancelFlowTest {

    private RunningB2bua b2bua;

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void aCancelWhileRingingEndsBothLegs() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);

        b2bua.caller.cancel(invite);
        b2bua.caller.expectResponse(200, "CANCEL");
        SipMessage terminated = b2bua.caller.expectResponse(487, "INVITE");
        b2bua.caller.ackFailure(invite, terminated);

        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        assertEquals(onward.callId(), cancel.callId());
        assertEquals(onward.header("Via"), cancel.header("Via"), "a CANCEL matches its INVITE's branch");
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(onward, 487);
        b2bua.core.expectRequest("ACK");

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(CANCELLED);
    }

    @Test
    void aCancelBeforeTheCalleeSaidAnythingGoesDownOnceItSends180() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        b2bua.caller.cancel(invite);
        b2bua.caller.expectResponse(200, "CANCEL");
        SipMessage terminated = b2bua.caller.expectResponse(487, "INVITE");
        b2bua.caller.ackFailure(invite, terminated);

        // RFC 3261 9.1: no CANCEL for a request that got no provisional response yet.
        b2bua.core.reply(onward, 180);
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(onward, 487);
        b2bua.core.expectRequest("ACK");
        b2bua.caller.assertNothingReceived(m -> m.status() == 180, "180 after the caller cancelled");

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(CANCELLED);
    }

    @Test
    void anAnswerThatCrossesTheCancelIsAcknowledgedAndHungUpSoTheCalleeIsNeverLeftHalfOpen() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);

        b2bua.caller.cancel(invite);
        b2bua.caller.expectResponse(487, "INVITE");
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        // The callee had answered already: its 200 crossed the CANCEL, which now has nothing to cancel.
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        b2bua.core.reply(cancel, 200);

        SipMessage ack = b2bua.core.expectRequest("ACK");
        assertEquals(onward.callId(), ack.callId());
        SipMessage bye = b2bua.core.expectRequest("BYE");
        b2bua.core.reply(bye, 200);
        b2bua.caller.assertNothingReceived(m -> m.status() == 200 && m.cseqMethod().equals("INVITE"),
                "answer after the caller cancelled");

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(CANCELLED);
    }

    @Test
    void aCalleeSilentAfterItsRingingAndOurCancelDoesNotHoldTheCallForEver() {
        // Regression: found by the busy-state load test, where such calls kept their lines busy for good. The
        // INVITE transaction has no timer once it had a provisional response; 64 x T1 after the CANCEL it counts
        // as cancelled (RFC 3261 9.1).
        RunningB2bua quick = RunningB2bua.withOnwardInviteTimeout(java.time.Duration.ofSeconds(2));
        try {
            SipMessage invite = quick.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
            SipMessage onward = quick.core.expectRequest("INVITE");
            quick.core.reply(onward, 180);
            quick.caller.expectResponse(180);

            quick.caller.cancel(invite);
            SipMessage terminated = quick.caller.expectResponse(487, "INVITE");
            quick.caller.ackFailure(invite, terminated);
            quick.core.expectRequest("CANCEL"); // and the core never answers it, nor the INVITE

            quick.awaitNoCallsInProgress();
            quick.metrics.awaitOutcomes(CANCELLED);
        } finally {
            quick.close();
        }
    }

    @Test
    void aCancelAfterTheAnswerChangesNothing() {
        var call = b2bua.answeredCall();
        b2bua.caller.cancel(call.invite());
        b2bua.caller.expectResponse(200, "CANCEL");

        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.core.assertNothingReceived(m -> m.method().equals("CANCEL"), "CANCEL of an answered call");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(kz.btcom.fs.call.CallOutcome.ANSWERED);
    }

    @Test
    void aByeInTheEarlyDialogLeftTheCallersInviteWithoutA487() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        SipMessage ringing = b2bua.caller.expectResponse(180);

        // RFC 3261 15.1.2: a BYE in the early dialog is answered 200, and the INVITE 487.
        b2bua.caller.dialogAsCaller(invite, ringing).request("BYE").send();
        b2bua.caller.expectResponse(200, "BYE");
        SipMessage terminated = b2bua.caller.expectResponse(487, "INVITE");
        b2bua.caller.ackFailure(invite, terminated);

        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(onward, 487);
        b2bua.core.expectRequest("ACK");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(CANCELLED);
    }

    @Test
    void answerCrossingAPendingCancelLeftTheCallInProgressForever() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.caller.cancel(invite);
        b2bua.caller.expectResponse(487, "INVITE");

        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        b2bua.core.expectRequest("ACK");
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(CANCELLED);
    }
}
