package kz.btcom.fs.sip;

import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.ScriptedEvents;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.UNANSWERED;
import static kz.btcom.fs.call.DiversionReason.BUSY;
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
 * The IMS charging identifier (RFC 7315 P-Charging-Vector) through the B2BUA: what ties the core's two passes of
 * one call, and every leg of it, together for billing.
 */
class ChargingVectorFlowTest {

    /** TS 24.229's example: a base64 icid, which JAIN-SIP's own parser of the header drops. */
    private static final String VECTOR =
            "icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=023551024;icid-generated-at=192.0.6.8;orig-ioi=home1.net";
    private static final String ICID = "AyretyU0dm+6O2IrT5tAFrbHLso=023551024";

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
    void anArrivingVectorGoesOnUnchangedAndItsIcidIsTheCalls() {
        b2bua.caller.invite(CALLEE_URI).header("P-Charging-Vector", VECTOR).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        assertEquals(List.of(VECTOR), onward.headers("P-Charging-Vector"));
        assertEquals(ICID, b2bua.handler.lastSetup().icid());
        reject(onward);
    }

    @Test
    void aCallWithoutAVectorGetsOneMadeHere() {
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        String icid = b2bua.handler.lastSetup().icid();
        assertTrue(icid.matches("[0-9a-f]{32}"), icid);
        assertEquals(List.of("icid-value=" + icid + ";icid-generated-at=127.0.0.1"),
                onward.headers("P-Charging-Vector"));
        reject(onward);
    }

    @Test
    void aForwardedLegCarriesTheVectorMadeForTheCall() {
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(new ScriptedEvents("callee leg")
                .redirectOnFailure(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, BUSY)), CalleeEvents.NONE))));
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        SipMessage busyLeg = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(busyLeg, 486);
        SipMessage forwardedLeg = b2bua.core.expect(m -> m.isRequest() && m.method().equals("INVITE")
                && m.requestUri().equals(numberUri(TARGET)), "the forwarded leg");

        assertNotEquals(busyLeg.callId(), forwardedLeg.callId());
        assertEquals(busyLeg.headers("P-Charging-Vector"), forwardedLeg.headers("P-Charging-Vector"));
        assertEquals(1, forwardedLeg.headers("P-Charging-Vector").size());
        reject(forwardedLeg);
    }

    @Test
    void anAnonymousCallersLegKeepsTheVectorWhatEverDigitsItHas() {
        // Privacy takes out every header that looks like it names the caller; the vector names no party.
        String vector = "icid-value=77272123456-1;orig-ioi=btcom.kz";
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withPresentation(Presentation.ANONYMOUS));
        b2bua.caller.invite(CALLEE_URI).header("P-Asserted-Identity", "<tel:+77272123456>")
                .header("P-Charging-Vector", vector).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");

        assertFalse(onward.hasHeader("P-Asserted-Identity"));
        assertEquals(List.of(vector), onward.headers("P-Charging-Vector"));
        reject(onward);
    }

    /**
     * The core sends the onward INVITE of the originating pass back to the server for the callee's terminating
     * services (same Call-ID and From tag, as a proxy forwards it): a call of its own, with the same icid, and the
     * metrics count one call and one terminating pass.
     */
    @Test
    void theTerminatingPassOfTheSameCallIsACallOfItsOwnWithTheSameIcid() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI)
                .header("Route", "<sip:127.0.0.1:" + b2bua.port + ";lr;orig>").sdp(Sdp.OFFER).send();
        SipMessage origOnward = b2bua.core.expectRequest("INVITE");

        SipMessage termInvite = b2bua.core.invite(origOnward.requestUri())
                .replace("Call-ID", origOnward.callId())
                .replace("From", origOnward.header("From"))
                .replace("To", origOnward.header("To"))
                .header("P-Served-User", "<" + CALLEE_URI + ">;sescase=term;regstate=reg")
                .header("P-Charging-Vector", origOnward.header("P-Charging-Vector"))
                .sdp(origOnward.body()).send();
        SipMessage termOnward = b2bua.core.expect(m -> m.isRequest() && m.method().equals("INVITE")
                && !m.callId().equals(origOnward.callId()), "the terminating pass's onward INVITE");

        CallSetup termPass = b2bua.handler.lastSetup();
        assertTrue(termPass.isTerminatingPass());
        assertEquals(origOnward.callId(), termPass.callId());
        assertEquals(2, b2bua.handler.callsSeen());
        assertEquals(origOnward.headers("P-Charging-Vector"), termOnward.headers("P-Charging-Vector"));

        // The callee answers; the core passes the answer up through both passes.
        b2bua.core.replyWithSdp(termOnward, 200, Sdp.ANSWER);
        SipMessage termOk = b2bua.core.expectResponse(200, "INVITE");
        PeerDialog coreAsTermCaller = b2bua.core.dialogAsCaller(termInvite, termOk);
        coreAsTermCaller.ack(termOk).send();
        b2bua.core.expect(m -> m.method().equals("ACK") && m.callId().equals(termOnward.callId()), "ACK, term");
        b2bua.core.replyWithSdp(origOnward, 200, Sdp.ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        PeerDialog callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expect(m -> m.method().equals("ACK") && m.callId().equals(origOnward.callId()), "ACK, orig");

        // The caller hangs up: the BYE comes through the originating pass, then the terminating one.
        callerLeg.request("BYE").send();
        SipMessage origBye = b2bua.core.expect(m -> m.method().equals("BYE")
                && m.callId().equals(origOnward.callId()) && m.isRequest(), "BYE, orig");
        coreAsTermCaller.request("BYE").send();
        b2bua.core.reply(b2bua.core.expect(m -> m.method().equals("BYE")
                && m.callId().equals(termOnward.callId()), "BYE, term"), 200);
        b2bua.core.expect(m -> !m.isRequest() && m.status() == 200 && m.cseqMethod().equals("BYE")
                && m.callId().equals(origOnward.callId()), "200 to the core's BYE");
        b2bua.core.reply(origBye, 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();

        b2bua.metrics.awaitOutcomes(ANSWERED);
        assertEquals(List.of(ANSWERED), b2bua.metrics.terminatingPasses());
    }

    private void reject(SipMessage onward) {
        b2bua.core.reply(onward, 486);
        b2bua.caller.expectResponse(486);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(UNANSWERED);
    }
}
