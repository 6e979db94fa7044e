package kz.btcom.fs.sip;

import gov.nist.javax.sip.parser.StringMsgParser;
import kz.btcom.fs.sip.testing.Sdp;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The screen refuses what the server cannot take, and lets everything a core really sends through. */
class RequestScreenTest {

    private final RequestScreen screen = new RequestScreen();

    @Test
    void anOrdinaryInviteWithAnOfferPasses() {
        assertTrue(check(invite("")).isEmpty());
    }

    @Test
    void requiring100relPasses() {
        assertTrue(check(invite("Require: 100rel\r\nSupported: 100rel, timer\r\n")).isEmpty());
    }

    @Test
    void requiringSessionTimersOrPreconditionsPasses_theyAreRelayedEndToEnd() {
        assertTrue(check(invite("Require: 100rel, timer\r\nRequire: precondition\r\n")).isEmpty());
    }

    @Test
    void requiringAnythingElseGets420ListingIt() {
        RequestScreen.Refusal refusal = check(invite("Require: 100rel, timer\r\nRequire: sec-agree, foo\r\n"))
                .orElseThrow();
        assertEquals(420, refusal.status());
        assertEquals("Unsupported", refusal.headerName());
        assertEquals("sec-agree, foo", refusal.headerValue());
    }

    @Test
    void proxyRequireIsNotTheUasBusiness() {
        assertTrue(check(invite("Proxy-Require: sec-agree\r\n")).isEmpty());
    }

    @Test
    void aTelRequestUriPassesAndAnUnknownSchemeGets416() {
        assertTrue(check(invite("").replace("sip:+77272777888@btcom.kz;user=phone SIP", "tel:+77272777888 SIP"))
                .isEmpty());
        assertEquals(416, check(invite("").replace("sip:+77272777888@btcom.kz;user=phone SIP", "im:a@b SIP"))
                .orElseThrow().status());
    }

    @Test
    void headersInTheRequestUriGet400() {
        assertEquals(400, check(invite("").replace(";user=phone SIP", ";user=phone?Route=%3Csip:x%3E SIP"))
                .orElseThrow().status());
    }

    @Test
    void aMultipartBodyWithTheOfferPasses() {
        assertTrue(check(invite("").replace("application/sdp", "multipart/mixed;boundary=b")).isEmpty());
    }

    @Test
    void anotherBodyGets415WithAccept() {
        RequestScreen.Refusal refusal = check(invite("").replace("application/sdp", "application/isup"))
                .orElseThrow();
        assertEquals(415, refusal.status());
        assertEquals("application/sdp", refusal.headerValue());
    }

    @Test
    void anAcceptThatNamesSdpOrAWildcardPasses() {
        assertTrue(check(invite("Accept: application/sdp, application/isup\r\n")).isEmpty());
        assertTrue(check(invite("Accept: application/*\r\n")).isEmpty());
        assertTrue(check(invite("Accept: */*\r\n")).isEmpty());
    }

    @Test
    void anAcceptWithoutSdpGets406WithWarning() {
        RequestScreen.Refusal refusal = check(invite("Accept: text/plain\r\n")).orElseThrow();
        assertEquals(406, refusal.status());
        assertTrue(refusal.headerValue().startsWith("399 "), refusal.headerValue());
    }

    @Test
    void optionsIsScreenedForSchemeAndRequireButNotForBodies() {
        String options = invite("Accept: text/plain\r\n").replace("INVITE", "OPTIONS");
        assertTrue(check(options).isEmpty());
        assertEquals(420, check(options.replace("Accept: text/plain", "Require: foo")).orElseThrow().status());
    }

    private static String invite(String extraHeaders) {
        return "INVITE sip:+77272777888@btcom.kz;user=phone SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKscreen\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:2123456@btcom.kz>;tag=abc\r\n"
                + "To: <sip:+77272777888@btcom.kz;user=phone>\r\n"
                + "Call-ID: screen@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:5070>\r\n"
                + extraHeaders
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + Sdp.OFFER.length() + "\r\n\r\n" + Sdp.OFFER;
    }

    private Optional<RequestScreen.Refusal> check(String text) {
        try {
            Request request = (Request) new StringMsgParser()
                    .parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
            return screen.check(request);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
