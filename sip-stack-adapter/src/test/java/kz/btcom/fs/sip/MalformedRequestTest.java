package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "A malformed request (for example a missing Via or a bad Content-Length) gets 400 and the next call works."
 * Each answer goes back to the datagram's source; the stack used to drop such requests without a word.
 */
class MalformedRequestTest {

    private RunningB2bua b2bua;
    private SipPeer sender;

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
        sender = b2bua.newUdpPeer("sender");
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void anInviteWithoutViaGets400BackToItsSourceAndTheNextCallWorks() {
        SipMessage invite = sender.invite(CALLEE_URI).without("Via").sdp(Sdp.OFFER).send();

        SipMessage bad = sender.expectResponse(400);
        assertEquals(invite.callId(), bad.callId());
        assertEquals(invite.header("CSeq"), bad.header("CSeq"));
        assertNotNull(bad.toTag());
        b2bua.completeCall(b2bua.caller);
        b2bua.awaitNoCallsInProgress();
        assertEquals(1, b2bua.handler.callsSeen(), "the services saw the good call only");
    }

    @Test
    void anInviteWithAContentLengthBeyondItsBodyGets400AndTheNextCallWorks() {
        SipMessage invite = sender.invite(CALLEE_URI).sdp(Sdp.OFFER).replace("Content-Length", "9999").send();

        SipMessage bad = sender.expectResponse(400);
        assertEquals(invite.callId(), bad.callId());
        b2bua.completeCall(b2bua.caller);
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void anInviteWithANonNumericContentLengthGets400() {
        sender.invite(CALLEE_URI).sdp(Sdp.OFFER).replace("Content-Length", "five").send();
        sender.expectResponse(400);
        b2bua.completeCall(b2bua.caller);
    }

    @Test
    void anInviteWithTwoContentLengthsGets400() {
        sender.invite(CALLEE_URI).sdp(Sdp.OFFER)
                .header("Content-Length", Integer.toString(Sdp.OFFER.length()))
                .header("Content-Length", "0").send();
        sender.expectResponse(400);
        b2bua.completeCall(b2bua.caller);
    }

    @Test
    void anInviteWithTwoCallIdsGets400() {
        sender.invite(CALLEE_URI).header("Call-ID", "second@127.0.0.1").sdp(Sdp.OFFER).send();
        sender.expectResponse(400);
        b2bua.completeCall(b2bua.caller);
    }

    @Test
    void anOptionsWithoutCallIdGets400() {
        sender.request("OPTIONS", "sip:fs@127.0.0.1").without("Call-ID").send();
        sender.expectResponse(400);
    }

    @Test
    void aRequestInCompactFormWithABadHeaderGets400() {
        // The stack's own 400 copies only long-form headers, so it could not answer this one.
        String compact = "INVITE " + CALLEE_URI + " SIP/2.0\r\n"
                + "v: SIP/2.0/UDP " + sender.hostPort() + ";branch=z9hG4bKcompact;rport\r\n"
                + "f: <sip:caller@127.0.0.1>;tag=1\r\n"
                + "t: \"unterminated <" + CALLEE_URI + ">\r\n"
                + "i: compact@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "l: 0\r\n\r\n";
        sender.sendRaw(compact);
        SipMessage bad = sender.expectResponse(400);
        assertEquals("compact@127.0.0.1", bad.callId());
    }

    @Test
    void aSipVersionOtherThan2WasTakenFor2AndNowGets505() {
        sender.request("OPTIONS", "sip:fs@127.0.0.1").requestLine("OPTIONS sip:fs@127.0.0.1 SIP/3.0").send();
        sender.expectResponse(505);
    }

    @Test
    void anUnknownMethodWhoseCSeqNamesAnotherGets501NotTheStacks400() {
        sender.request("FROBNICATE", "sip:fs@127.0.0.1").replace("CSeq", "1 INVITE").send();
        SipMessage notImplemented = sender.expectResponse(501);
        assertTrue(notImplemented.header("Allow").contains("INVITE"));
    }

    @Test
    void aMalformedAckGetsNoAnswer() {
        sender.request("ACK", CALLEE_URI).without("Via").send();
        b2bua.completeCall(b2bua.caller);
        sender.assertNothingReceived(m -> true, "answer to an ACK");
    }

    @Test
    void noiseThatIsNotARequestGetsNoAnswer() {
        sender.sendRaw("hello\r\n\r\n");
        sender.sendRaw("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        b2bua.completeCall(b2bua.caller);
        sender.assertNothingReceived(m -> true, "answer to noise or a response");
    }

    /** A Via naming TCP on a datagram: the stack answered over TCP to the sender's UDP port, so never. */
    @Test
    void anInviteThatCameOverUdpWithAViaNamingTcpWasNeverAnswered() {
        SipMessage invite = sender.invite(CALLEE_URI)
                .replace("Via", "SIP/2.0/TCP " + sender.hostPort() + ";branch=z9hG4bKtcpvia;rport")
                .sdp(Sdp.OFFER).send();
        sender.expectResponse(100);
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 486);
        SipMessage busy = sender.expectResponse(486);
        assertEquals(invite.callId(), busy.callId());
    }

    /** RFC 2543 INVITE (no Max-Forwards, no Contact): the stack refused its transaction, and nobody answered. */
    @Test
    void anRfc2543InviteWithoutMaxForwardsOrContactWasDroppedWithoutAnAnswer() {
        sender.invite(CALLEE_URI).without("Max-Forwards").without("Contact").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals("69", onward.header("Max-Forwards"));
        b2bua.core.reply(onward, 486);
        sender.expectResponse(486);
    }
}
