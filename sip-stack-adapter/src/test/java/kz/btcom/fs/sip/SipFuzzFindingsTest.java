package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What SipRequestFuzzTest found, each input kept as it was found (shortened where the rest did not matter): the
 * parse refuses it as malformed, the server answers 400 and the next call works.
 */
class SipFuzzFindingsTest {

    /** The fuzzer's input: an ACK, then a PRACK whose RAck is "1r=phone>;tag=ntent-Length: 0". */
    private static final String RACK_NOT_A_NUMBER = "PRACK sip:fs@127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-seed-prack;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Aigerim\" <sip:+77272123456@btcom.kz;user=phone>;tag=seed1\r\n"
            + "To: <tel:+77272777888>;tag=fs1\r\n"
            + "Call-ID: seed-prack@127.0.0.1\r\n"
            + "CSeq: 2 PRACK\r\n"
            + "RAck: 1r=phone>;tag=ntent-Length: 0\r\n\r\n";

    private static String inviteWithVia(String via) {
        return "INVITE " + CALLEE_URI + " SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:2123456@btcom.kz>;tag=a\r\n"
                + "To: <" + CALLEE_URI + ">\r\n"
                + "Call-ID: via-comment@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void parse(String message) throws ParseException {
        new GuardedParser(null).parseSIPMessage(message.getBytes(StandardCharsets.ISO_8859_1), true, false, null);
    }

    @Test
    void aViaCommentWithABackslashFilledTheHeapInTheStacksViaParser() {
        // Before the guard: java.lang.OutOfMemoryError from gov.nist.javax.sip.parser.ViaParser.
        assertThrows(ParseException.class,
                () -> parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKc (a\\")));
        assertThrows(ParseException.class, () -> parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070 (\\")));
    }

    @Test
    void aViaCommentWithoutBackslashesAndEscapesInQuotedViaParametersStillParse() throws ParseException {
        parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKc (relay)"));
        parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKc;x=\"a\\\"b\""));
        assertFalse(ViaComments.isUnsafe("Call-Info: <http://x> (a\\"));
        assertTrue(ViaComments.isUnsafe("v : SIP/2.0/UDP h (\\"));
    }

    @Test
    void anRAckThatIsNoNumberWasANumberFormatExceptionOutOfTheParser() {
        // Before: java.lang.NumberFormatException from gov.nist.javax.sip.parser.RAckParser, past every handler
        // that expects a ParseException: the datagram went unanswered, the TCP reader thread died.
        assertThrows(ParseException.class, () -> parse(RACK_NOT_A_NUMBER));
    }

    @Test
    void aViaRportThatIsNoNumberParsedAndThenFailedEveryResponseBuiltFromIt() {
        // Found as "Via: SIP/2.0/UDP somehost.example.com;rport=z9hGormat" (RFC 4475 invut, mutated): before, the
        // parse passed and createResponse threw NumberFormatException from Via.getRPort.
        assertThrows(ParseException.class,
                () -> parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKr;rport=z9hGormat")));
        assertThrows(ParseException.class,
                () -> parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKr;ttl=999")));
    }

    @Test
    void aBareRportOrANumberStillParses() throws ParseException {
        parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKr;rport"));
        parse(inviteWithVia("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKr;rport=5070;received=127.0.0.1"));
    }

    @Test
    void overUdpAViaRportThatIsNoNumberIsAnswered400() {
        try (RunningB2bua b2bua = RunningB2bua.overUdp()) {
            SipPeer sender = b2bua.newUdpPeer("sender");
            sender.sendRaw(inviteWithVia("SIP/2.0/UDP " + sender.hostPort() + ";branch=z9hG4bKr;rport=z9hGormat"));
            assertEquals("via-comment@127.0.0.1", sender.expectResponse(400).callId());
            b2bua.completeCall(b2bua.caller);
            b2bua.awaitNoCallsInProgress();
        }
    }

    @Test
    void overUdpBothAreAnswered400AndTheNextCallWorks() {
        try (RunningB2bua b2bua = RunningB2bua.overUdp()) {
            SipPeer sender = b2bua.newUdpPeer("sender");
            sender.sendRaw(inviteWithVia("SIP/2.0/UDP " + sender.hostPort() + ";branch=z9hG4bKc;rport (a\\"));
            SipMessage bad = sender.expectResponse(400);
            assertEquals("via-comment@127.0.0.1", bad.callId());

            sender.sendRaw(RACK_NOT_A_NUMBER.replace("127.0.0.1:5070", sender.hostPort()));
            assertEquals("seed-prack@127.0.0.1", sender.expectResponse(400).callId());

            b2bua.completeCall(b2bua.caller);
            b2bua.awaitNoCallsInProgress();
        }
    }

    /** Found by the wire fuzz (WireFuzzEndToEndTest): a line starting with two CRs, before a request. */
    @Test
    void overTcpALineStartingWithTwoCrsKilledTheConnectionsReaderThread() {
        // Before: ArrayIndexOutOfBoundsException in PipelinedMsgParser.readLine, the reader thread gone, and the
        // INVITE behind it on the same connection never read.
        try (RunningB2bua b2bua = RunningB2bua.overTcp()) {
            b2bua.caller.sendRaw("\r\r\n");
            SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
            SipMessage onward = b2bua.core.expectRequest("INVITE");
            b2bua.core.reply(onward, 486);
            assertEquals(invite.callId(), b2bua.caller.expectResponse(486).callId());
            b2bua.awaitNoCallsInProgress();
        }
    }

    @Test
    void overTcpTheConnectionSurvivesAndItsNextCallWorks() {
        try (RunningB2bua b2bua = RunningB2bua.overTcp()) {
            b2bua.caller.sendRaw(RACK_NOT_A_NUMBER.replace("127.0.0.1:5070", b2bua.caller.hostPort())
                    .replace("SIP/2.0/UDP", "SIP/2.0/TCP"));
            SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
            SipMessage onward = b2bua.core.expectRequest("INVITE");
            b2bua.core.reply(onward, 486);
            assertEquals(invite.callId(), b2bua.caller.expectResponse(486).callId());
            b2bua.awaitNoCallsInProgress();
        }
    }
}
