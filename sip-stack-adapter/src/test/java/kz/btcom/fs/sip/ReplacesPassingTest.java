package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An INVITE with Replaces (RFC 3891) goes on with its Replaces (and Referred-By) when the dialog it names is not one
 * of a call through this server: the callee's phone knows that dialog and hands the call over. One naming a dialog
 * of ours goes on as a plain call: beyond us that dialog means nothing.
 */
class ReplacesPassingTest {

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
    void aReplacesOfADialogElsewhereGoesOnAsItCame() {
        SipMessage invite = b2bua.caller.invite(RunningB2bua.CALLEE_URI)
                .header("Replaces", "direct-call@phones;to-tag=g1;from-tag=f1")
                .header("Referred-By", "<sip:+77272777976@btcom.kz>")
                .sdp(Sdp.OFFER).send();

        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals("direct-call@phones;to-tag=g1;from-tag=f1", onward.header("Replaces").replace(" ", ""));
        assertEquals("<sip:+77272777976@btcom.kz>", onward.header("Referred-By").trim());
        b2bua.core.reply(onward, 486);
        b2bua.caller.ackFailure(invite, b2bua.caller.expectResponse(486, "INVITE"));
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void aReplacesOfADialogThroughThisServerIsNotPassedOn() {
        RunningB2bua.AnsweredCall held = b2bua.answeredCall();

        SipMessage transfer = b2bua.caller.invite(RunningB2bua.CALLEE_URI).header("Subject", "transfer")
                .header("Replaces", held.invite().callId() + ";to-tag=" + held.callerLeg().remoteTag()
                        + ";from-tag=" + held.invite().fromTag())
                .sdp(Sdp.OFFER).send();

        SipMessage onward = b2bua.core.expect(m -> m.isRequest() && m.method().equals("INVITE")
                && "transfer".equals(m.header("Subject")), "the second INVITE");
        assertFalse(onward.hasHeader("Replaces"), onward.summary());
        b2bua.core.reply(onward, 486);
        b2bua.caller.ackFailure(transfer, b2bua.caller.expectResponse(486, "INVITE"));
        held.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.awaitNoCallsInProgress();
    }
}
