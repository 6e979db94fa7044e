package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RawSip;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only the core may speak SIP to the server (issue 13). The core is 127.0.0.1; a stranger on 127.0.0.2 dials a
 * feature code as somebody else's line, with that line's P-Asserted-Identity and P-Served-User: refused before
 * any transaction, no service sees it, the core's own calls go on.
 */
class TrustBoundaryTest {

    private static final String STRANGER = "127.0.0.2";
    private static final String FORWARD_TO_PREMIUM = "sip:*21*89001234567%23@127.0.0.1;user=phone";
    private static final String[] ANOTHER_SUBSCRIBERS_IDENTITY = {
        "P-Asserted-Identity: <sip:+77272777888@127.0.0.1;user=phone>",
        "P-Served-User: <sip:+77272777888@127.0.0.1;user=phone>;sescase=orig"};

    private RunningB2bua b2bua;

    @AfterEach
    void stop() {
        if (b2bua != null) {
            b2bua.close();
        }
    }

    private static RunningB2bua started(String transport, UntrustedPolicy policy) {
        return RunningB2bua.with(transport, settings -> settings.withBoundary(new SipBoundary(
                TrustedPeers.parse(List.of("127.0.0.1")), policy, TcpLimits.defaults())));
    }

    @Test
    void aStrangersInviteOverUdpGets403AndReachesNoService() throws IOException {
        b2bua = started("udp", UntrustedPolicy.REJECT);
        try (DatagramSocket stranger = RawSip.udp(STRANGER)) {
            RawSip.send(stranger, RawSip.request("INVITE", FORWARD_TO_PREMIUM, STRANGER, stranger.getLocalPort(),
                    "UDP", ANOTHER_SUBSCRIBERS_IDENTITY), b2bua.port);

            String answer = RawSip.receive(stranger);
            assertEquals(403, RawSip.status(answer), answer);
        }
        b2bua.metrics.awaitUntrustedRequests(1); // counted just after the answer went out
        assertEquals(0, b2bua.server.callsInProgress());
        b2bua.completeCall(b2bua.caller);
        assertEquals(1, b2bua.handler.callsSeen(), "the services saw the core's call only");
    }

    @Test
    void aStrangerIsRefusedAsAStrangerEvenWhileNewCallsAreShed() throws IOException {
        b2bua = started("udp", UntrustedPolicy.REJECT);
        b2bua.server.stopAcceptingCalls(); // every new call of the core's gets 503 now, at the socket
        try (DatagramSocket stranger = RawSip.udp(STRANGER)) {
            RawSip.send(stranger, RawSip.request("INVITE", FORWARD_TO_PREMIUM, STRANGER, stranger.getLocalPort(),
                    "UDP", ANOTHER_SUBSCRIBERS_IDENTITY), b2bua.port);

            String answer = RawSip.receive(stranger);
            assertEquals(403, RawSip.status(answer), "not judged for admission, not a 503: " + answer);
        }
        b2bua.metrics.awaitUntrustedRequests(1);
        assertEquals(0, b2bua.metrics.overloadRejections(), "no admission decision was spent on it");
    }

    @Test
    void aStrangersRequestsOverTcpGet403OnTheirConnection() throws IOException {
        b2bua = started("tcp", UntrustedPolicy.REJECT);
        try (Socket stranger = RawSip.tcp(STRANGER, b2bua.port)) {
            RawSip.write(stranger, RawSip.request("INVITE", FORWARD_TO_PREMIUM, STRANGER, stranger.getLocalPort(),
                    "TCP", ANOTHER_SUBSCRIBERS_IDENTITY));
            String answer = RawSip.read(stranger);
            assertEquals(403, RawSip.status(answer), answer);

            RawSip.write(stranger, RawSip.request("OPTIONS", "sip:fs@127.0.0.1", STRANGER, stranger.getLocalPort(),
                    "TCP"));
            assertEquals(403, RawSip.status(RawSip.read(stranger)));
        }
        b2bua.metrics.awaitUntrustedRequests(2);
        b2bua.completeCall(b2bua.caller);
        assertEquals(1, b2bua.handler.callsSeen(), "the services saw the core's call only");
    }

    @Test
    void withTheDropPolicyAStrangerGetsNoAnswerAtAllNotEvenTo400() throws IOException {
        b2bua = started("udp", UntrustedPolicy.DROP);
        try (DatagramSocket stranger = RawSip.udp(STRANGER)) {
            int port = stranger.getLocalPort();
            RawSip.send(stranger, RawSip.request("INVITE", FORWARD_TO_PREMIUM, STRANGER, port, "UDP",
                    ANOTHER_SUBSCRIBERS_IDENTITY), b2bua.port);
            RawSip.send(stranger, RawSip.request("OPTIONS", "sip:100@127.0.0.1", STRANGER, port, "UDP"), b2bua.port);
            RawSip.send(stranger, RawSip.request("INVITE", "sip:101@127.0.0.1", STRANGER, port, "UDP")
                    .replace("CSeq: 1 INVITE", "CSeq: one INVITE"), b2bua.port);

            // Each is counted after any answer to it was sent: once all three are, nothing is on its way.
            b2bua.metrics.awaitUntrustedRequests(3);
            stranger.setSoTimeout(1);
            assertThrows(SocketTimeoutException.class, () -> RawSip.receive(stranger));
        }
        assertEquals(3, b2bua.metrics.untrustedRequests());
        b2bua.completeCall(b2bua.caller);
        assertEquals(1, b2bua.handler.callsSeen(), "the services saw the core's call only");
    }

    @Test
    void withTheDropPolicyAStrangersTcpConnectionIsClosedWithoutAWord() throws IOException {
        b2bua = started("tcp", UntrustedPolicy.DROP);
        try (Socket stranger = RawSip.tcp(STRANGER, b2bua.port)) {
            b2bua.metrics.awaitUntrustedRequests(1);
            assertEquals(java.util.Optional.empty(), RawSip.awaitClosed(stranger, java.time.Duration.ofSeconds(5)),
                    "closed, and not a byte sent");
        }
        b2bua.completeCall(b2bua.caller);
        assertEquals(1, b2bua.handler.callsSeen(), "the services saw the core's call only");
    }

    @Test
    void aStrangersForgedResponseToTheOnwardInviteIsDropped() throws IOException {
        b2bua = started("udp", UntrustedPolicy.REJECT);
        b2bua.caller.invite(RunningB2bua.CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        // What someone who saw the onward INVITE could send: a 486 that matches its transaction in every header.
        String forged = "SIP/2.0 486 Busy Here\r\n"
                + "Via: " + onward.header("Via") + "\r\n"
                + "From: " + onward.header("From") + "\r\n"
                + "To: " + onward.header("To") + ";tag=forged\r\n"
                + "Call-ID: " + onward.callId() + "\r\n"
                + "CSeq: " + onward.header("CSeq") + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        try (DatagramSocket stranger = RawSip.udp(STRANGER)) {
            RawSip.send(stranger, forged, b2bua.port);
        }
        // The forgery went first: had it been taken, the caller's final answer would be 486, not the core's 200.
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);

        SipMessage answer = b2bua.caller.expectFinalResponse("INVITE");
        assertEquals(200, answer.status(), answer.summary());
    }

    @Test
    void aStrangersMalformedRequestIsAnsweredOnlyAsAStranger() throws IOException {
        b2bua = started("udp", UntrustedPolicy.REJECT);
        try (DatagramSocket stranger = RawSip.udp(STRANGER)) {
            RawSip.send(stranger, RawSip.request("INVITE", "sip:101@127.0.0.1", STRANGER, stranger.getLocalPort(),
                    "UDP").replace("CSeq: 1 INVITE", "CSeq: one INVITE"), b2bua.port);

            String answer = RawSip.receive(stranger);
            assertTrue(answer.startsWith("SIP/2.0 400"), answer);
        }
        b2bua.metrics.awaitUntrustedRequests(1); // counted as a stranger's request
    }
}
