package kz.btcom.fs.sip;

import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.sip.testing.OutgoingRequest;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static kz.btcom.fs.call.DiversionReason.UNCONDITIONAL;
import static kz.btcom.fs.sip.ForwardingFlowTest.CALLEE;
import static kz.btcom.fs.sip.ForwardingFlowTest.TARGET;
import static kz.btcom.fs.sip.ForwardingFlowTest.diversion;
import static kz.btcom.fs.sip.ForwardingFlowTest.forwarded;
import static kz.btcom.fs.sip.ForwardingFlowTest.numberUri;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLIP/CLIR (TS 24.607) on the callee's leg: the services' {@link Presentation} decides From, P-Asserted-Identity
 * and Privacy, and a withheld caller's number is nowhere else on the leg either. Also Alert-Info (call waiting).
 */
class PresentationFlowTest {

    /** The caller in its many spellings: E.164, national (8 + area), and the local seven digits. */
    private static final String CALLER = "+77272123456";
    private static final String LOCAL_DIGITS = "2123456";

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
    void identifiedTheCallerIsShownByNumberInFromAndAssertedIdentity() {
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withPresentation(Presentation.identified(CALLER)));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI)
                .replace("From", "\"Ivan\" <sip:ivan@pbx.example.kz>;tag=in1")
                .header("P-Asserted-Identity", "<sip:+77272000000@ims.btcom.kz;user=phone>")
                .sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        assertEquals(numberUri(CALLER), SipMessage.uriOf(onward.header("From")));
        assertNotEquals(invite.fromTag(), onward.fromTag());
        assertEquals(List.of("<" + numberUri(CALLER) + ">"), onward.headers("P-Asserted-Identity"),
                "the number the services chose replaces the one received");
        finish(onward);
    }

    @Test
    void withheldInTheNetworkTheCalleeSeesAnonymousAndTheNetworkKeepsTheIdentity() {
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withPresentation(Presentation.WITHHELD_IN_NETWORK));
        b2bua.caller.invite(CALLEE_URI)
                .header("P-Asserted-Identity", "<sip:" + CALLER + "@ims.btcom.kz;user=phone>")
                .header("P-Asserted-Identity", "<tel:" + CALLER + ">")
                .header("Privacy", "header")
                .header("P-Access-Network-Info", "ADSL;dsl-location=\"77272123456\"")
                .header("Call-Info", "<http://btcom.kz/photo.jpg>;purpose=icon")
                .header("Subject", "call me back on " + LOCAL_DIGITS)
                .sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        assertEquals("\"Anonymous\" <sip:anonymous@anonymous.invalid>", withoutTag(onward.header("From")));
        assertEquals(List.of("<sip:" + CALLER + "@ims.btcom.kz;user=phone>", "<tel:" + CALLER + ">"),
                values(onward, "P-Asserted-Identity"));
        assertEquals(List.of("header;id"), onward.headers("Privacy"), "the caller's own privacy, and id, once");
        assertTrue(onward.header("P-Access-Network-Info").contains("dsl-location=\"77272123456\""),
                "for the trusted network: " + onward.header("P-Access-Network-Info"));
        assertFalse(onward.hasHeader("Call-Info"), "it would show the caller to the callee");
        assertFalse(onward.hasHeader("Subject"), "it names the caller");
        finish(onward);
    }

    @Test
    void withheldPrivacyIdIsNotRepeatedWhenTheCallerAskedForItAlready() {
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withPresentation(Presentation.WITHHELD_IN_NETWORK));
        b2bua.caller.invite(CALLEE_URI).header("Privacy", "id").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(List.of("id"), onward.headers("Privacy"));
        finish(onward);
    }

    @Test
    void anonymousTheCallersNumberIsNowhereOnTheCalleesLeg() {
        b2bua.handler.relay(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, UNCONDITIONAL)), CalleeEvents.NONE)
                .withPresentation(Presentation.ANONYMOUS));
        SipMessage invite = callerFullOfIdentity().send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        assertEquals("\"Anonymous\" <sip:anonymous@anonymous.invalid>", withoutTag(onward.header("From")));
        assertFalse(onward.hasHeader("P-Asserted-Identity"));
        assertEquals(List.of("id"), onward.headers("Privacy"));
        assertTrue(SipMessage.uriOf(onward.header("Contact")).startsWith("sip:fs@"), onward.header("Contact"));
        assertNoCaller(onward);
        assertTrue(onward.body().startsWith("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"), onward.body());
        // What may name numbers: the callee (Request-URI, To) and the diversion.
        assertEquals(numberUri(TARGET), onward.requestUri());
        assertEquals(1, onward.headers("Diversion").size());

        // Nor later: the caller's re-INVITE keeps the same SDP origin, and it must read the same to the callee.
        b2bua.core.reply(onward, 180);
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        PeerDialog callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expectRequest("ACK");
        callerLeg.request("INVITE")
                .header("P-Asserted-Identity", "<tel:" + CALLER + ">")
                .header("Referred-By", "<sip:" + CALLER + "@btcom.kz>")
                .sdp(identifiedSdp().replace("1 1 IN", "1 2 IN").replace("sendrecv", "sendonly")).send();
        SipMessage reinvite = b2bua.core.expectRequest("INVITE");
        assertNoCaller(reinvite);
        assertTrue(reinvite.body().startsWith("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"), reinvite.body());
    }

    @Test
    void anonymousLeavesTheOfferAloneWhenItDoesNotNameTheCaller() {
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withPresentation(Presentation.ANONYMOUS));
        b2bua.caller.invite(CALLEE_URI).header("P-Asserted-Identity", "<tel:" + CALLER + ">").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(Sdp.OFFER, onward.body());
        finish(onward);
    }

    @Test
    void asReceivedNothingChanges() {
        b2bua.caller.invite(CALLEE_URI)
                .replace("From", "\"Ivan\" <sip:" + CALLER + "@btcom.kz;user=phone>;tag=in1")
                .header("P-Asserted-Identity", "<tel:" + CALLER + ">")
                .header("Call-Info", "<http://btcom.kz/photo.jpg>;purpose=icon")
                .sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals("\"Ivan\" <sip:" + CALLER + "@btcom.kz;user=phone>", withoutTag(onward.header("From")));
        assertEquals("<tel:" + CALLER + ">", onward.header("P-Asserted-Identity"));
        assertEquals("<http://btcom.kz/photo.jpg>;purpose=icon", onward.header("Call-Info"));
        assertFalse(onward.hasHeader("Privacy"));
        finish(onward);
    }

    @Test
    void alertInfoOfTheLegReplacesTheOneReceived() {
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withAlertInfo("<urn:alert:service:call-waiting>"));
        b2bua.caller.invite(CALLEE_URI).header("Alert-Info", "<http://btcom.kz/ring.wav>").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(List.of("<urn:alert:service:call-waiting>"), onward.headers("Alert-Info"));
        finish(onward);
    }

    @Test
    void withoutAnAlertInfoOfItsOwnTheLegKeepsTheOneReceived() {
        b2bua.caller.invite(CALLEE_URI).header("Alert-Info", "<http://btcom.kz/ring.wav>").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(List.of("<http://btcom.kz/ring.wav>"), onward.headers("Alert-Info"));
        finish(onward);
    }

    // ---------------------------------------------------------------- helpers

    /** An INVITE from a UA that puts its number everywhere it can. */
    private OutgoingRequest callerFullOfIdentity() {
        return b2bua.caller.invite(CALLEE_URI)
                .replace("From", "\"Ivan " + CALLER + "\" <sip:" + CALLER + "@btcom.kz;user=phone>;tag=in1")
                .replace("Contact", "<sip:" + CALLER + "@" + b2bua.caller.hostPort() + ";transport=udp>")
                .header("P-Asserted-Identity", "<sip:" + CALLER + "@ims.btcom.kz;user=phone>")
                .header("P-Asserted-Identity", "<tel:" + CALLER + ">")
                .header("Remote-Party-ID", "\"Ivan\" <sip:87272123456@btcom.kz>;party=calling;screen=yes")
                .header("P-Preferred-Identity", "<sip:" + CALLER + "@btcom.kz>")
                .header("Call-Info", "<http://btcom.kz/photo/77272123456.jpg>;purpose=icon")
                .header("P-Access-Network-Info", "ADSL;dsl-location=\"77272123456\"")
                .header("Reply-To", "<sip:" + CALLER + "@btcom.kz>")
                .header("Subject", "call me back on 8 727 " + LOCAL_DIGITS)
                .header("User-Agent", "BTcom-Phone/1.0 (" + CALLER + ")")
                .header("Privacy", "id")
                .sdp(identifiedSdp());
    }

    private static String identifiedSdp() {
        return Sdp.OFFER.replace("o=caller", "o=" + CALLER).replace("s=-", "s=" + CALLER)
                .replace("t=0 0\r\n", "t=0 0\r\np=+7 727 212 34 56\r\n");
    }

    /** Not in any line, however spelt: digits with spaces, dots or dashes between them count too. */
    private static void assertNoCaller(SipMessage onward) {
        String text = onward.toString();
        for (String line : text.split("\r\n")) {
            assertFalse(line.replaceAll("\\D", "").contains(LOCAL_DIGITS),
                    "the caller's number is on the callee's leg: " + line + "\n" + text);
        }
    }

    /** Each value of a header, whether the stack wrote them on one line or several. */
    private static List<String> values(SipMessage message, String name) {
        return message.headers(name).stream().flatMap(line -> java.util.Arrays.stream(line.split(",")))
                .map(String::trim).toList();
    }

    private static String withoutTag(String from) {
        return from.replaceAll(";tag=[^;]*", "");
    }

    private void finish(SipMessage onward) {
        b2bua.core.reply(onward, 486);
        b2bua.caller.expectResponse(486);
        b2bua.awaitNoCallsInProgress();
    }
}
