package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 3262: when the caller requires 100rel, a reliable 180 from the callee reaches it reliably, PRACK and all. */
class ReliableProvisionalTest {

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
    void aReliable180ReachesTheCallerWithTheCallsToTagAndIsPrackedEndToEnd() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).header("Require", "100rel")
                .header("Supported", "100rel").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertTrue(onward.header("Require").contains("100rel"), "the callee's leg requires 100rel too");

        b2bua.core.reply(onward, 180, "Require: 100rel", "RSeq: 1");
        SipMessage ringing = b2bua.caller.expectResponse(180);
        assertNotNull(ringing.header("RSeq"), "the caller's 180 is reliable");
        assertTrue(ringing.header("Require").contains("100rel"));

        PeerDialog early = b2bua.caller.dialogAsCaller(invite, ringing);
        early.prack(ringing).send();
        SipMessage prack = b2bua.core.expectRequest("PRACK");
        assertEquals("1 1 INVITE", prack.header("RAck"), "the PRACK acknowledges the callee's own 180");
        b2bua.core.reply(prack, 200);
        b2bua.caller.expectResponse(200, "PRACK");

        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(ringing.toTag(), ok.toTag(), "the reliable 180 and the 200 belong to one dialog");
        PeerDialog callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expectRequest("ACK");

        callerLeg.request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void aReliable180ToACallerWithout100relIsPrackedByTheServerAndRelayedPlain() {
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180, "Require: 100rel", "RSeq: 7");

        SipMessage prack = b2bua.core.expectRequest("PRACK");
        assertEquals("7 1 INVITE", prack.header("RAck"));
        b2bua.core.reply(prack, 200);
        SipMessage ringing = b2bua.caller.expectResponse(180);
        assertEquals(null, ringing.header("RSeq"), "a caller that does not support 100rel gets a plain 180");

        b2bua.core.reply(onward, 486);
        b2bua.caller.expectResponse(486);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(kz.btcom.fs.call.CallOutcome.UNANSWERED);
    }
}
