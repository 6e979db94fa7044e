package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.CANCELLED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same calls over TCP: with the core transport "auto", a call that came in over TCP goes on over TCP. */
class TcpCallFlowTest {

    private RunningB2bua b2bua;

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overTcp();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    /** With JAIN-SIP's NIO processor the onward INVITE, the first request on a new connection, was lost. */
    @Test
    void theFirstRequestOnANewTcpConnectionToTheCoreWasLost() {
        var call = b2bua.answeredCall();
        assertTrue(call.onwardInvite().header("Via").startsWith("SIP/2.0/TCP"), call.onwardInvite().header("Via"));

        call.calleeLeg().request("BYE").send();
        SipMessage bye = b2bua.caller.expectRequest("BYE");
        b2bua.caller.reply(bye, 200);
        b2bua.core.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void aCancelOverTcp() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);

        b2bua.caller.cancel(invite);
        b2bua.caller.expectResponse(487, "INVITE");
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(onward, 487);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(CANCELLED);
    }

    @Test
    void optionsOverTcpGets200() {
        SipMessage options = b2bua.caller.request("OPTIONS", "sip:fs@127.0.0.1").send();
        assertEquals(options.callId(), b2bua.caller.expectResponse(200, "OPTIONS").callId());
    }
}
