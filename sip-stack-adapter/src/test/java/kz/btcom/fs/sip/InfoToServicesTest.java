package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.ScriptedHandler.Info;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.UNANSWERED;
import static kz.btcom.fs.call.CallParty.CALLEE;
import static kz.btcom.fs.call.CallParty.CALLER;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An INFO inside a call (DTMF: malicious-call identification by *39#) is shown to the services before it is relayed:
 * when they take it, the sender gets 200 and the other party never sees it; else it is relayed as before.
 */
class InfoToServicesTest {

    private static final String DTMF = "application/dtmf-relay";
    private static final String STAR = "Signal=*\r\nDuration=160\r\n";

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
    void theServicesTakeTheCallersDtmfAndTheCalleeNeverSeesIt() {
        b2bua.handler.onInfo(info -> true);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        call.callerLeg().request("INFO").body(DTMF, STAR).send();

        b2bua.caller.expectResponse(200, "INFO");
        assertEquals(List.of(new Info(call.invite().callId(), CALLER, DTMF, STAR)), b2bua.handler.infos());
        hangUp(call);
        // The BYE went after the INFO on the call's lane: had the INFO been relayed, it would be here by now.
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("INFO"), "the caller's INFO");
    }

    @Test
    void anInfoTheServicesLeaveIsRelayedAsBefore() {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        call.callerLeg().request("INFO").body(DTMF, STAR).send();

        SipMessage relayed = b2bua.core.expectRequest("INFO");
        assertEquals(STAR, relayed.body());
        b2bua.core.reply(relayed, 200);
        b2bua.caller.expectResponse(200, "INFO");
        assertEquals(List.of(new Info(call.invite().callId(), CALLER, DTMF, STAR)), b2bua.handler.infos());
        hangUp(call);
    }

    @Test
    void theServicesTakeTheCalleesDtmfAndTheCallerNeverSeesIt() {
        b2bua.handler.onInfo(info -> info.from() == CALLEE);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        call.calleeLeg().request("INFO").body(DTMF, STAR).send();

        b2bua.core.expectResponse(200, "INFO");
        assertEquals(List.of(new Info(call.invite().callId(), CALLEE, DTMF, STAR)), b2bua.handler.infos());
        hangUp(call);
        b2bua.caller.assertNothingReceived(m -> m.isRequest() && m.method().equals("INFO"), "the callee's INFO");
    }

    @Test
    void anInfoWithoutABodyReachesTheServicesWithEmptyTypeAndBody() {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        call.calleeLeg().request("INFO").send();

        b2bua.caller.reply(b2bua.caller.expectRequest("INFO"), 200);
        b2bua.core.expectResponse(200, "INFO");
        assertEquals(List.of(new Info(call.invite().callId(), CALLEE, "", "")), b2bua.handler.infos());
        hangUp(call);
    }

    @Test
    void servicesThatFailOnAnInfoDoNotStopItFromBeingRelayed() {
        b2bua.handler.onInfo(info -> {
            throw new IllegalStateException("a bug in a service");
        });
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        call.callerLeg().request("INFO").body(DTMF, STAR).send();

        SipMessage relayed = b2bua.core.expectRequest("INFO");
        b2bua.core.reply(relayed, 200);
        b2bua.caller.expectResponse(200, "INFO");
        hangUp(call);
    }

    @Test
    void anInfoFromTheCallerWhileTheCalleeRingsReachesTheServicesToo() {
        b2bua.handler.onInfo(info -> true);
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        SipMessage ringing = b2bua.caller.expectResponse(180);

        b2bua.caller.dialogAsCaller(invite, ringing).request("INFO").body(DTMF, STAR).send();

        b2bua.caller.expectResponse(200, "INFO");
        assertEquals(List.of(new Info(invite.callId(), CALLER, DTMF, STAR)), b2bua.handler.infos());
        b2bua.core.reply(onward, 486);
        b2bua.caller.ackFailure(invite, b2bua.caller.expectResponse(486));
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(UNANSWERED);
    }

    private void hangUp(RunningB2bua.AnsweredCall call) {
        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }
}
