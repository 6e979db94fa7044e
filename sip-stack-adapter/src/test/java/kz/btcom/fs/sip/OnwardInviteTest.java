package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The INVITE of the callee's leg, as the core receives it: a dialog of its own, carrying what the core needs. */
class OnwardInviteTest {

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
    void theOnwardLegIsADialogOfItsOwn() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        assertNotEquals(invite.callId(), onward.callId());
        assertNotEquals(invite.fromTag(), onward.fromTag());
        assertNull(onward.toTag());
        assertEquals(CALLEE_URI, onward.requestUri());
        assertEquals(1, onward.headers("Via").size(), "the caller's Vias stay on the caller's leg");
        assertTrue(onward.header("Via").contains("127.0.0.1:" + b2bua.port), onward.header("Via"));
        assertTrue(SipMessage.uriOf(onward.header("Contact")).contains("127.0.0.1:" + b2bua.port));
        assertEquals(Sdp.OFFER, onward.body());
        finish(onward);
    }

    @Test
    void maxForwardsGoesDownByOne() {
        b2bua.caller.invite(CALLEE_URI).replace("Max-Forwards", "10").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals("9", onward.header("Max-Forwards"));
        finish(onward);
    }

    @Test
    void withoutFurtherRoutesTheCallGoesToTheConfiguredCore() {
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(List.of("<sip:127.0.0.1:" + b2bua.core.port() + ";lr;transport=udp>"), onward.headers("Route"));
        finish(onward);
    }

    @Test
    void theRoutesAfterOurOwnAreCopied() {
        String us = "<sip:127.0.0.1:" + b2bua.port + ";lr;orig>";
        String scscf = "<sip:127.0.0.1:" + b2bua.core.port() + ";lr;transport=udp>";
        String next = "<sip:scscf.btcom.kz;lr>";
        b2bua.caller.invite(CALLEE_URI).header("Route", us + ", " + scscf).header("Route", next)
                .sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(List.of(scscf, next), routeValues(onward));
        finish(onward);
    }

    @Test
    void theCallersAssertedIdentityAndPrivacyAreKept() {
        b2bua.caller.invite(CALLEE_URI)
                .header("P-Asserted-Identity", "<tel:+77272123456>")
                .header("Privacy", "id")
                .sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals("<tel:+77272123456>", onward.header("P-Asserted-Identity"));
        assertEquals("id", onward.header("Privacy"));
        finish(onward);
    }

    @Test
    void sessionTimersAreNegotiatedEndToEnd_rfc4028() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI)
                .header("Supported", "timer, 100rel")
                .header("Require", "timer")
                .header("Session-Expires", "1800;refresher=uac")
                .header("Min-SE", "90")
                .sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals("timer", onward.header("Require"));
        assertEquals("1800;refresher=uac", onward.header("Session-Expires"));
        assertEquals("90", onward.header("Min-SE"));

        // The callee picks the interval and who refreshes: the caller must hear it, or nobody refreshes.
        b2bua.core.reply(onward, 180);
        SipMessage ringing = b2bua.caller.expectResponse(180);
        assertNull(ringing.header("Session-Expires"));
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER, "Require: timer", "Session-Expires: 1800;refresher=uac");
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals("timer", ok.header("Require"));
        assertEquals("1800;refresher=uac", ok.header("Session-Expires"));

        var callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expectRequest("ACK");
        callerLeg.request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
    }

    private static List<String> routeValues(SipMessage message) {
        return message.headers("Route").stream()
                .flatMap(line -> java.util.Arrays.stream(line.split(",")))
                .map(String::trim).toList();
    }

    private void finish(SipMessage onward) {
        b2bua.core.reply(onward, 486);
        b2bua.caller.expectResponse(486);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(kz.btcom.fs.call.CallOutcome.UNANSWERED);
    }
}
