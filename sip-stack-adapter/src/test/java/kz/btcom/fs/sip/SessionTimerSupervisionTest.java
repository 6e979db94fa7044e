package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 4028 session timers, supervised by the B2BUA: when the call's answer set Session-Expires, a refresh (re-INVITE
 * or UPDATE answered 2xx) must pass within it, or the session is over and the call is released as the server's doing,
 * like a call whose parties vanished. The server's timers run on fake time here: the session's interval passes when
 * the test says so, to the millisecond.
 */
class SessionTimerSupervisionTest {

    private static final Duration INTERVAL = Duration.ofSeconds(90);
    private static final Duration JUST_UNDER = INTERVAL.minusMillis(1);

    private RunningB2bua b2bua;
    private PeerDialog callerLeg;

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.onFakeTime();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void aSessionNobodyRefreshesIsReleasedWhenItsIntervalIsOver() {
        SipMessage onward = answerWithSessionTimer();
        b2bua.timers.awaitNextTimerIn(INTERVAL); // the session's expiry, from the answer

        b2bua.timers.advance(JUST_UNDER);
        assertEquals(Duration.ofMillis(1), b2bua.timers.untilNextTimer(), "not expired a millisecond early");
        b2bua.timers.advance(Duration.ofMillis(1));

        SipMessage bye = b2bua.core.expectRequest("BYE");
        assertEquals(onward.callId(), bye.callId());
        releasedByTheServerOnce();
        b2bua.core.reply(bye, 200);
        b2bua.caller.reply(b2bua.caller.expectRequest("BYE"), 200);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void aRefreshGivesTheSessionAnotherIntervalFromItsOwnAnswer() {
        answerWithSessionTimer();
        b2bua.timers.awaitNextTimerIn(INTERVAL);
        b2bua.timers.advance(INTERVAL.dividedBy(2));

        callerLeg.request("UPDATE").header("Supported", "timer")
                .header("Session-Expires", INTERVAL.toSeconds() + ";refresher=uac").send();
        b2bua.core.reply(b2bua.core.expectRequest("UPDATE"), 200,
                "Session-Expires: " + INTERVAL.toSeconds() + ";refresher=uac", "Require: timer");
        b2bua.caller.expectResponse(200, "UPDATE");
        b2bua.timers.awaitNextTimerIn(INTERVAL); // a whole interval again, from the refresh's 200

        b2bua.timers.advance(JUST_UNDER); // well past where the first interval ended
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("BYE"), "a BYE");
        assertEquals(Duration.ofMillis(1), b2bua.timers.untilNextTimer());
        b2bua.timers.advance(Duration.ofMillis(1));

        SipMessage bye = b2bua.core.expectRequest("BYE");
        releasedByTheServerOnce();
        b2bua.core.reply(bye, 200);
        b2bua.caller.reply(b2bua.caller.expectRequest("BYE"), 200);
        b2bua.awaitNoCallsInProgress();
    }

    /** INVITE with Supported: timer; the callee answers with a session interval it refreshes itself (uas). */
    private SipMessage answerWithSessionTimer() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).header("Supported", "timer")
                .header("Session-Expires", INTERVAL.toSeconds() + "").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER, "Session-Expires: " + INTERVAL.toSeconds() + ";refresher=uas",
                "Require: timer");
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(INTERVAL.toSeconds() + ";refresher=uas", ok.header("Session-Expires"));
        callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expectRequest("ACK");
        return onward;
    }

    private void releasedByTheServerOnce() {
        List<CallEnd> ends = b2bua.handler.ends();
        assertEquals(1, ends.size(), "told once: " + ends);
        assertEquals(ANSWERED, ends.get(0).outcome());
        assertEquals(CallEnd.Releaser.SERVER, ends.get(0).releasedBy());
    }
}
