package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipPeer;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.FAILED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call's own watch for the caller's ACK of our 200 (RFC 3261 13.3.1.4), on fake time: it runs on the server's
 * call timers, so the test moves time on instead of waiting 64 x T1.
 */
class CallerAckWatchTest {

    private static final Duration WATCH = SipSettings.DEFAULT_INVITE_TIMEOUT;

    private final RunningB2bua b2bua = RunningB2bua.onFakeTime();

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void aRelayedAnswerTheCallerNeverAcknowledgesReleasesBothLegsWhenTheWatchRunsOut() {
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        b2bua.caller.expectResponse(200, "INVITE"); // and no ACK, ever

        b2bua.timers.awaitNextTimerIn(WATCH);
        b2bua.timers.advance(WATCH);

        b2bua.core.expectRequest("ACK");
        SipMessage bye = b2bua.core.expectRequest("BYE");
        assertEquals(onward.callId(), bye.callId());
        b2bua.core.reply(bye, 200);
        b2bua.caller.expectRequest("BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(FAILED);
    }

    @Test
    void theCallersAckTakesTheWatchAway() {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        // A request through the call's lane after the ACK: the ACK has been handled once it is answered.
        call.callerLeg().request("INFO").send();
        b2bua.core.reply(b2bua.core.expectRequest("INFO"), 200);
        b2bua.caller.expectResponse(200, "INFO");

        assertNull(b2bua.timers.untilNextTimer(), "no timer left for an ACK that came");
        b2bua.timers.advance(WATCH.multipliedBy(10));

        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void theServersOwnAnswerThatTheCallerNeverAcknowledgesEndsTheCallAndItsMedia() throws InterruptedException {
        SilentMedia media = new SilentMedia();
        b2bua.handler.decide(setup -> new CallDecision.Answer(media));
        b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.caller.expectResponse(200, "INVITE"); // and no ACK, ever

        b2bua.timers.awaitNextTimerIn(WATCH);
        b2bua.timers.advance(WATCH);

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(FAILED);
        assertTrue(media.closed.await(SipPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS), "the media closed");
        assertEquals(0, media.starts, "nothing played to a caller that never confirmed the call");
    }

    /** The server's media, doing nothing but count. Touched on the call's lane only, read after the call ended. */
    private static final class SilentMedia implements LocalMedia {
        volatile int starts;
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public String sdpAnswer(String sdpOffer) {
            return Sdp.ANSWER;
        }

        @Override
        public void start(Runnable hangUp) {
            starts++;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
