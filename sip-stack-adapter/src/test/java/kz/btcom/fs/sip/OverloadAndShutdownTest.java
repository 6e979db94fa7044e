package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.FAILED;
import static kz.btcom.fs.call.CallOutcome.OVERLOAD;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** New calls are shed with 503 and Retry-After while the calls in progress keep working; shutdown releases them. */
class OverloadAndShutdownTest {

    private RunningB2bua b2bua;

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void afterStopAcceptingCallsANewInviteGets503WithRetryAfterAndTheCallInProgressGoesOn() {
        b2bua = RunningB2bua.overUdp();
        var call = b2bua.answeredCall();

        b2bua.server.stopAcceptingCalls();
        var latecomer = b2bua.newUdpPeer("latecomer");
        SipMessage invite = latecomer.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage unavailable = latecomer.expectResponse(503);
        assertEquals("7", unavailable.header("Retry-After").trim());
        latecomer.ackFailure(invite, unavailable);

        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(OVERLOAD, ANSWERED);
        assertEquals(1, b2bua.metrics.overloadRejections());
    }

    @Test
    void aboveMaxCallsANewInviteGets503() {
        b2bua = RunningB2bua.withMaxCalls(1);
        b2bua.answeredCall();

        var second = b2bua.newUdpPeer("second");
        second.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        second.expectResponse(503);
        assertEquals(1, b2bua.server.callsInProgress());
    }

    /**
     * Issue 11 §2: a refused INVITE's retransmission (its 503 lost) came when there was room again, was judged anew and
     * relayed, while the caller had given up on the 503. Now it gets the same 503, is never relayed, and the call is
     * counted once.
     */
    @Test
    void aRefusedInviteRetransmittedWhenThereIsRoomAgainGetsTheSame503AndIsNeverRelayed() {
        b2bua = RunningB2bua.withMaxCalls(1);
        var first = b2bua.answeredCall();
        var latecomer = b2bua.newUdpPeer("latecomer");
        byte[] invite = latecomer.invite(CALLEE_URI).header("Subject", "refused").sdp(Sdp.OFFER).bytes();
        latecomer.sendRaw(invite);
        SipMessage refused = latecomer.expectResponse(503);

        first.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        // The same bytes again, from a second socket: a test peer drops a response it has had byte for byte.
        var sameCaller = b2bua.newUdpPeer("same-caller");
        sameCaller.sendRaw(invite);
        SipMessage again = sameCaller.expectResponse(503);
        assertEquals(refused.toTag(), again.toTag(), "the same response, not a second judgement");
        latecomer.ackFailure(SipMessage.parse(invite, invite.length, null, null), again);

        b2bua.completeCall(latecomer); // the server takes calls: the refused one was not among them
        b2bua.core.assertNothingReceived(m -> m.isRequest() && "refused".equals(m.header("Subject")),
                "the refused INVITE relayed");
        assertEquals(1, b2bua.metrics.overloadRejections(), "one refused call, however many copies of its INVITE");
    }

    /** The other half of the race: an INVITE let in, retransmitted while the server is full, is not refused. */
    @Test
    void anInviteLetInIsNotRefusedWhenItsRetransmissionComesWhileTheServerIsFull() {
        b2bua = RunningB2bua.withMaxCalls(1);
        byte[] invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).bytes();
        b2bua.caller.sendRaw(invite);
        SipMessage onward = b2bua.core.expectRequest("INVITE"); // the call holds the only place now
        b2bua.caller.sendRaw(invite);
        // The server reads one socket in order: what it answers to the retransmission comes before this OPTIONS' 200.
        b2bua.caller.request("OPTIONS", "sip:fs@127.0.0.1").send();
        b2bua.caller.expectResponse(200, "OPTIONS");
        b2bua.caller.assertNothingReceived(m -> !m.isRequest() && m.status() == 503, "a 503 for an INVITE let in");

        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        var callerLeg = b2bua.caller.dialogAsCaller(SipMessage.parse(invite, invite.length, null, null), ok);
        callerLeg.ack(ok).send();
        b2bua.core.expectRequest("ACK");
        callerLeg.request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        assertEquals(0, b2bua.metrics.overloadRejections());
    }

    /**
     * Issue 11 §2, "nothing stuck": a caller that never acknowledges the relayed 200 (it had given up) left the call in
     * progress for good when the stack's dialog timeout did not come. Within 64 x T1 (the onward INVITE timeout, 2 s
     * here) the callee is released and the call ends in the books.
     */
    @Test
    void aCallerThatNeverAcknowledgesTheAnswerNoLongerLeavesTheCallInProgress() {
        b2bua = RunningB2bua.withOnwardInviteTimeout(Duration.ofSeconds(2));
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        b2bua.caller.expectResponse(200, "INVITE"); // and no ACK, ever

        b2bua.core.expectRequest("ACK");
        SipMessage bye = b2bua.core.expectRequest("BYE");
        assertEquals(onward.callId(), bye.callId());
        b2bua.core.reply(bye, 200);
        b2bua.caller.expectRequest("BYE"); // RFC 3261 13.3.1.4; the call does not wait for its answer
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(FAILED);
    }

    @Test
    void releasingAllCallsHangsUpBothLegsOfAnAnsweredCall() throws Exception {
        b2bua = RunningB2bua.overUdp();
        var call = b2bua.answeredCall();

        CompletableFuture<Void> release = CompletableFuture.runAsync(
                () -> b2bua.server.releaseAllCalls(Duration.ofSeconds(5)));
        SipMessage toCaller = b2bua.caller.expectRequest("BYE");
        assertEquals(call.invite().callId(), toCaller.callId());
        b2bua.caller.reply(toCaller, 200);
        SipMessage toCallee = b2bua.core.expectRequest("BYE");
        assertEquals(call.onwardInvite().callId(), toCallee.callId());
        b2bua.core.reply(toCallee, 200);

        release.get(5, TimeUnit.SECONDS);
        assertEquals(0, b2bua.server.callsInProgress());
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    /** Releasing refuses a ringing call with 503 and cancels its callee leg; the call is shed, not answered. */
    @Test
    void aRingingCallReleasedAtShutdownWasCountedAsAnswered() {
        b2bua = RunningB2bua.overUdp();
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);

        b2bua.server.releaseAllCalls(Duration.ofSeconds(5));
        SipMessage unavailable = b2bua.caller.expectResponse(503);
        b2bua.caller.ackFailure(invite, unavailable);
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(onward, 487);
        b2bua.core.expectRequest("ACK");
        assertEquals(0, b2bua.server.callsInProgress());
        b2bua.metrics.awaitOutcomes(OVERLOAD);
    }
}
