package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 4028 session timers, supervised by the B2BUA: when the call's answer set Session-Expires, a refresh (re-INVITE
 * or UPDATE answered 2xx) must pass within it, or the session is over and the call is released as the server's doing,
 * like a call whose parties vanished. (Real intervals are 90 s or more; these tests use seconds.)
 */
class SessionTimerSupervisionTest {

    private static final int INTERVAL_SECONDS = 3;
    private static final long SLACK_MILLIS = 1_000;

    private RunningB2bua b2bua;
    private PeerDialog callerLeg;

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void aSessionNobodyRefreshesIsReleasedWhenItsIntervalIsOver() {
        SipMessage onward = answerWithSessionTimer();
        long confirmed = System.nanoTime();

        SipMessage bye = b2bua.core.expectRequest("BYE");
        long millis = (System.nanoTime() - confirmed) / 1_000_000;
        assertTrue(millis >= INTERVAL_SECONDS * 1000L - 200 && millis <= INTERVAL_SECONDS * 1000L + SLACK_MILLIS,
                "released " + millis + " ms into a " + INTERVAL_SECONDS + " s session");
        assertEquals(onward.callId(), bye.callId());
        releasedByTheServerOnce();
        b2bua.core.reply(bye, 200);
        b2bua.caller.reply(b2bua.caller.expectRequest("BYE"), 200);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void aRefreshGivesTheSessionAnotherIntervalFromItsOwnAnswer() throws InterruptedException {
        answerWithSessionTimer();
        long confirmed = System.nanoTime();
        Thread.sleep(INTERVAL_SECONDS * 1000L / 2);

        callerLeg.request("UPDATE").header("Supported", "timer")
                .header("Session-Expires", INTERVAL_SECONDS + ";refresher=uac").send();
        b2bua.core.reply(b2bua.core.expectRequest("UPDATE"), 200,
                "Session-Expires: " + INTERVAL_SECONDS + ";refresher=uac", "Require: timer");
        b2bua.caller.expectResponse(200, "UPDATE");
        long refreshed = System.nanoTime();

        sleepUntil(confirmed, INTERVAL_SECONDS * 1000L + 500); // past where the first interval ended
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("BYE"), "a BYE");
        SipMessage bye = b2bua.core.expectRequest("BYE");
        long millis = (System.nanoTime() - refreshed) / 1_000_000;
        assertTrue(millis <= INTERVAL_SECONDS * 1000L + SLACK_MILLIS, "released " + millis + " ms after the refresh");
        releasedByTheServerOnce();
        b2bua.core.reply(bye, 200);
        b2bua.caller.reply(b2bua.caller.expectRequest("BYE"), 200);
        b2bua.awaitNoCallsInProgress();
    }

    /** INVITE with Supported: timer; the callee answers with a session interval it refreshes itself (uas). */
    private SipMessage answerWithSessionTimer() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).header("Supported", "timer")
                .header("Session-Expires", INTERVAL_SECONDS + "").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER, "Session-Expires: " + INTERVAL_SECONDS + ";refresher=uas",
                "Require: timer");
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(INTERVAL_SECONDS + ";refresher=uas", ok.header("Session-Expires"));
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

    private static void sleepUntil(long startNanos, long millis) throws InterruptedException {
        long left = millis - (System.nanoTime() - startNanos) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
