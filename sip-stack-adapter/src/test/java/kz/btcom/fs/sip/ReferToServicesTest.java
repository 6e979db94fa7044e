package kz.btcom.fs.sip;

import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.sip.testing.OutgoingRequest;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.ScriptedHandler.Refer;
import kz.btcom.fs.sip.testing.SipMessage;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallParty.CALLEE;
import static kz.btcom.fs.call.CallParty.CALLER;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An in-dialog REFER (a transfer) is shown to the call's listener before it goes further: relayed to the other party
 * as it always was, unless the services refuse it, and then the party that sent it gets their final response and
 * the other party never sees it.
 */
class ReferToServicesTest {

    private static final String TRANSFER_TARGET = "sip:+77272555000@core.example";
    private static final String REFERRED_BY = "sip:+77272777888@core.example";

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
    void aReferTheServicesLeaveIsRelayedAndItsAnswerComesBack() {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        refer(call.calleeLeg(), b2bua.core).header("Refer-To", "<" + TRANSFER_TARGET + ">")
                .header("Referred-By", "<" + REFERRED_BY + ">").send();

        SipMessage relayed = b2bua.caller.expectRequest("REFER");
        assertEquals(TRANSFER_TARGET, SipMessage.uriOf(relayed.header("Refer-To")));
        b2bua.caller.reply(relayed, 202);
        b2bua.core.expectResponse(202, "REFER");
        assertEquals(List.of(new Refer(call.invite().callId(), CALLEE,
                        new ReferRequest(TRANSFER_TARGET, Optional.of(REFERRED_BY), Optional.empty()))),
                b2bua.handler.refers());
        hangUp(call);
    }

    @Test
    void aReferTheServicesRefuseGetsTheirAnswerAndTheOtherPartyNeverSeesIt() {
        b2bua.handler.onRefer(refer -> new ReferDecision.Refuse(403, "Transfer Not Allowed"));
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        refer(call.callerLeg(), b2bua.caller).header("Refer-To", "<" + TRANSFER_TARGET + ">").send();

        SipMessage refused = b2bua.caller.expectResponse(403, "REFER");
        assertEquals("Transfer Not Allowed", refused.reason());
        assertEquals(List.of(new Refer(call.invite().callId(), CALLER,
                        new ReferRequest(TRANSFER_TARGET, Optional.empty(), Optional.empty()))),
                b2bua.handler.refers());
        hangUp(call);
        // The BYE went after the REFER on the call's lane: had the REFER been relayed, it would be here by now.
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("REFER"), "the caller's REFER");
    }

    @Test
    void anAttendedTransferShowsTheServicesWhichCallItReplaces() {
        b2bua.handler.onRefer(refer -> new ReferDecision.Refuse(603, "Decline"));
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        refer(call.calleeLeg(), b2bua.core).header("Refer-To",
                "<" + TRANSFER_TARGET + "?Replaces=abc%40core.example%3Bto-tag%3D1%3Bfrom-tag%3D2>").send();

        b2bua.core.expectResponse(603, "REFER");
        assertEquals(List.of(new Refer(call.invite().callId(), CALLEE, new ReferRequest(TRANSFER_TARGET,
                Optional.empty(), Optional.of("abc@core.example;to-tag=1;from-tag=2")))), b2bua.handler.refers());
        hangUp(call);
    }

    @Test
    void servicesThatFailOnAReferDoNotStopItFromBeingRelayed() {
        b2bua.handler.onRefer(refer -> {
            throw new IllegalStateException("a bug in a service");
        });
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        refer(call.callerLeg(), b2bua.caller).header("Refer-To", "<" + TRANSFER_TARGET + ">").send();

        b2bua.core.reply(b2bua.core.expectRequest("REFER"), 202);
        b2bua.caller.expectResponse(202, "REFER");
        hangUp(call);
    }

    /** RFC 3515 2.4.1: a REFER names a Contact, since it makes a subscription to how the transfer goes. */
    private static OutgoingRequest refer(PeerDialog dialog, SipPeer from) {
        return dialog.request("REFER").header("Contact", "<" + from.contactUri() + ">");
    }

    private void hangUp(RunningB2bua.AnsweredCall call) {
        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }
}
