package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.REJECTED;
import static kz.btcom.fs.call.CallOutcome.UNANSWERED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls set up and released through the B2BUA, over UDP on loopback: caller → server → core. */
class BasicCallFlowTest {

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
    void aPlainCallIsRelayedAndTheCallerHangsUp() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.caller.expectResponse(100);
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(Sdp.OFFER, onward.body());

        b2bua.core.reply(onward, 180);
        SipMessage ringing = b2bua.caller.expectResponse(180);
        assertEquals(invite.callId(), ringing.callId());

        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(Sdp.ANSWER, ok.body());
        assertEquals(ringing.toTag(), ok.toTag(), "the 180 and the 200 belong to one dialog");

        var callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expectRequest("ACK");

        callerLeg.request("BYE").send();
        SipMessage bye = b2bua.core.expectRequest("BYE");
        assertEquals(onward.callId(), bye.callId());
        b2bua.core.reply(bye, 200);
        b2bua.caller.expectResponse(200, "BYE");

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
        assertEquals(java.util.List.of(ANSWERED), b2bua.handler.endedOutcomes());
        kz.btcom.fs.call.CallEnd end = b2bua.handler.ends().get(0);
        assertEquals(200, end.status());
        assertEquals(kz.btcom.fs.call.CallEnd.Releaser.CALLER, end.releasedBy());
        assertTrue(end.alertedAt().isPresent() && end.answeredAt().isPresent(), "rang, then was answered");
        assertTrue(!end.answeredAt().get().isBefore(end.alertedAt().get())
                && !end.endedAt().isBefore(end.answeredAt().get()), "in that order: " + end);
    }

    @Test
    void theCalleeHangsUp() {
        var call = b2bua.answeredCall();

        call.calleeLeg().request("BYE").send();
        SipMessage bye = b2bua.caller.expectRequest("BYE");
        assertEquals(call.invite().callId(), bye.callId());
        b2bua.caller.reply(bye, 200);
        b2bua.core.expectResponse(200, "BYE");

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void aBusyCalleeGivesTheCaller486WhichTheCallerAcknowledges() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 486);
        b2bua.core.expectRequest("ACK"); // the server's INVITE transaction acknowledges the 486

        SipMessage busy = b2bua.caller.expectResponse(486);
        b2bua.caller.ackFailure(invite, busy);

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(UNANSWERED);
        b2bua.awaitNoCallsInProgress();
        kz.btcom.fs.call.CallEnd end = b2bua.handler.ends().get(0);
        assertEquals(486, end.status());
        assertEquals(kz.btcom.fs.call.CallEnd.Releaser.CALLEE, end.releasedBy());
        assertTrue(end.answeredAt().isEmpty());
    }

    @Test
    void earlyMediaIn183IsRelayedWithItsSdp() {
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(onward, 183, Sdp.ANSWER);

        SipMessage progress = b2bua.caller.expectResponse(183);
        assertEquals("application/sdp", progress.header("Content-Type"));
        assertEquals(Sdp.ANSWER, progress.body());

        b2bua.core.reply(onward, 486);
        b2bua.caller.expectResponse(486);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(UNANSWERED);
    }

    @Test
    void aLateOfferComesInThe200AndItsAnswerGoesOnInTheAck() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertFalse(onward.hasBody(), "no offer to relay");
        assertFalse(b2bua.handler.lastSetup().hasSdpOffer());

        b2bua.core.replyWithSdp(onward, 200, Sdp.OFFER.replace("caller", "callee"));
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(Sdp.OFFER.replace("caller", "callee"), ok.body());

        var callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).sdp(Sdp.ANSWER.replace("callee", "caller")).send();
        SipMessage ack = b2bua.core.expectRequest("ACK");
        assertEquals(Sdp.ANSWER.replace("callee", "caller"), ack.body());
        assertEquals("application/sdp", ack.header("Content-Type"));

        callerLeg.request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void aCallTheServicesRejectGetsTheirAnswerAndNoOnwardLeg() {
        b2bua.handler.reject(603, "Decline");
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).header("Subject", "barred").sdp(Sdp.OFFER).send();
        SipMessage declined = b2bua.caller.expectResponse(603);
        assertEquals("Decline", declined.reason());
        b2bua.caller.ackFailure(invite, declined);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(REJECTED);

        // No onward leg: the first INVITE the core ever sees is the next call's.
        b2bua.handler.relay();
        b2bua.caller.invite(CALLEE_URI).header("Subject", "allowed").sdp(Sdp.OFFER).send();
        assertEquals("allowed", b2bua.core.expectRequest("INVITE").header("Subject"));
    }

    @Test
    void aRetargetedCallGoesToTheNewNumber() {
        b2bua.handler.retarget("+77172555123", kz.btcom.fs.call.DiversionReason.UNCONDITIONAL);
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals("sip:+77172555123@127.0.0.1;user=phone", onward.requestUri());
        assertEquals("sip:+77172555123@127.0.0.1;user=phone", SipMessage.uriOf(onward.header("To")));
        assertNotEquals(invite.callId(), onward.callId());
        b2bua.core.reply(onward, 480);
        b2bua.caller.expectResponse(480);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(UNANSWERED);
    }
}
