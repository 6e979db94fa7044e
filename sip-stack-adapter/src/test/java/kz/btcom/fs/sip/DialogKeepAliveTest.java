package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A confirmed call whose BYE is lost must not live forever: every interval the B2BUA sends an OPTIONS of its own in
 * each leg's dialog, and a party that answers 481 or 408, or not at all within the timeout, is gone. The call is then
 * released (BYE on both legs) as the server's doing, and ends as answered, billed up to the moment it was noticed.
 * Any other answer means the party still knows the call. The server's timers run on fake time here: the interval and
 * the timeout pass when the test moves time on, and what a timer does is awaited like any message.
 */
class DialogKeepAliveTest {

    private static final Duration INTERVAL = Duration.ofSeconds(120);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MILLI = Duration.ofMillis(1);

    private RunningB2bua b2bua;

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void aCallerThatNoLongerAnswersIsReleasedWithAByeToTheCallee() {
        b2bua = RunningB2bua.withKeepAliveOnFakeTime(INTERVAL, TIMEOUT);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        probeTime();

        SipMessage toCaller = b2bua.caller.expectRequest("OPTIONS"); // and the caller says nothing
        b2bua.core.reply(b2bua.core.expectRequest("OPTIONS"), 200);
        b2bua.timers.awaitNextTimerIn(TIMEOUT);
        b2bua.timers.advance(TIMEOUT.minus(MILLI));
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("BYE"), "a BYE");
        b2bua.timers.advance(MILLI);

        SipMessage bye = b2bua.core.expectRequest("BYE");
        assertEquals(call.onwardInvite().callId(), bye.callId());
        assertReleasedByTheServer();
        b2bua.core.reply(bye, 200);

        SipMessage byeToCaller = b2bua.caller.expectRequest("BYE"); // the caller's leg is released too
        assertEquals(toCaller.callId(), byeToCaller.callId());
        b2bua.caller.reply(byeToCaller, 200);
        theCallIsOverOnce();
    }

    @Test
    void aCalleeThatNoLongerAnswersIsReleasedWithAByeToTheCaller() {
        b2bua = RunningB2bua.withKeepAliveOnFakeTime(INTERVAL, TIMEOUT);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        probeTime();

        b2bua.caller.reply(b2bua.caller.expectRequest("OPTIONS"), 200);
        b2bua.core.expectRequest("OPTIONS"); // and the core says nothing
        b2bua.timers.awaitNextTimerIn(TIMEOUT);
        b2bua.timers.advance(TIMEOUT);

        SipMessage bye = b2bua.caller.expectRequest("BYE");
        assertEquals(call.invite().callId(), bye.callId());
        assertReleasedByTheServer();
        b2bua.caller.reply(bye, 200);

        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        theCallIsOverOnce();
    }

    @Test
    void theOptionsIsTheServersOwnInEachLegsDialog() {
        b2bua = RunningB2bua.withKeepAliveOnFakeTime(INTERVAL, TIMEOUT);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        b2bua.timers.awaitNextTimerIn(INTERVAL);
        b2bua.timers.advance(INTERVAL.minus(MILLI));
        assertEquals(MILLI, b2bua.timers.untilNextTimer(), "no probe before the interval is over");
        b2bua.timers.advance(MILLI);

        SipMessage toCaller = b2bua.caller.expectRequest("OPTIONS");
        SipMessage toCallee = b2bua.core.expectRequest("OPTIONS");

        assertEquals(call.invite().callId(), toCaller.callId());
        assertEquals(call.invite().fromTag(), toCaller.toTag(), "in the caller's dialog");
        assertEquals(call.onwardInvite().callId(), toCallee.callId());
        assertEquals(call.onwardInvite().fromTag(), toCallee.fromTag(), "in the callee's dialog");
        b2bua.caller.reply(toCaller, 200);
        b2bua.core.reply(toCallee, 200);
        hangUpAsTheCaller(call);
    }

    @Test
    void partiesThatAnswerKeepTheCallUpWhateverTheyAnswer() {
        b2bua = RunningB2bua.withKeepAliveOnFakeTime(INTERVAL, TIMEOUT);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        for (int status : new int[] {200, 405, 501}) {
            probeTime();
            b2bua.caller.reply(b2bua.caller.expectRequest("OPTIONS"), 200);
            b2bua.core.reply(b2bua.core.expectRequest("OPTIONS"), status);
            // Both answered: the timeout is off, and only the next probe is due, a whole interval on.
            b2bua.timers.awaitNextTimerIn(INTERVAL);
        }

        b2bua.caller.assertNothingReceived(m -> m.isRequest() && m.method().equals("BYE"), "a BYE");
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("BYE"), "a BYE");
        assertEquals(1, b2bua.server.callsInProgress());
        hangUpAsTheCaller(call);
        assertEquals(CallEnd.Releaser.CALLER, b2bua.handler.ends().get(0).releasedBy());
    }

    @Test
    void aPartyThatNoLongerKnowsTheDialogReleasesTheCallAtOnce() {
        assertReleasedAtOnceWhenTheCallerAnswers(481);
    }

    @Test
    void aRequestTimeoutFromTheCallersSideReleasesTheCallAtOnce() {
        assertReleasedAtOnceWhenTheCallerAnswers(408);
    }

    @Test
    void withKeepAliveOffNoOptionsIsSent() {
        b2bua = RunningB2bua.withKeepAliveOnFakeTime(Duration.ZERO, TIMEOUT);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        // An INFO relayed after the ACK: the call's lane has done all it does when the call is confirmed.
        call.callerLeg().request("INFO").send();
        b2bua.core.reply(b2bua.core.expectRequest("INFO"), 200);
        b2bua.caller.expectResponse(200, "INFO");

        assertNull(b2bua.timers.untilNextTimer(), "no probe scheduled, however long the call lasts");
        hangUpAsTheCaller(call);
        b2bua.caller.assertNothingReceived(m -> m.isRequest() && m.method().equals("OPTIONS"), "an OPTIONS");
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("OPTIONS"), "an OPTIONS");
    }

    /** "At once": with no time passing at all, though the timeout has not run. */
    private void assertReleasedAtOnceWhenTheCallerAnswers(int status) {
        b2bua = RunningB2bua.withKeepAliveOnFakeTime(INTERVAL, TIMEOUT);
        b2bua.answeredCall();
        probeTime();

        b2bua.caller.reply(b2bua.caller.expectRequest("OPTIONS"), status);
        b2bua.core.reply(b2bua.core.expectRequest("OPTIONS"), 200);

        SipMessage bye = b2bua.core.expectRequest("BYE");
        assertReleasedByTheServer();
        b2bua.core.reply(bye, 200);
        b2bua.caller.reply(b2bua.caller.expectRequest("BYE"), 200);
        theCallIsOverOnce();
    }

    /** Moves time to the next probe, once the call's lane has scheduled it. */
    private void probeTime() {
        b2bua.timers.awaitNextTimerIn(INTERVAL);
        b2bua.timers.advance(INTERVAL);
    }

    /** Told before the BYEs went out: the end is the moment the server noticed, whatever the BYEs meet. */
    private void assertReleasedByTheServer() {
        List<CallEnd> ends = b2bua.handler.ends();
        assertEquals(1, ends.size(), "the services heard of the end once: " + ends);
        assertEquals(ANSWERED, ends.get(0).outcome());
        assertEquals(CallEnd.Releaser.SERVER, ends.get(0).releasedBy());
        assertEquals(200, ends.get(0).status());
    }

    private void theCallIsOverOnce() {
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
        assertEquals(1, b2bua.handler.ends().size(), "the end reported once: " + b2bua.handler.ends());
    }

    private void hangUpAsTheCaller(RunningB2bua.AnsweredCall call) {
        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        theCallIsOverOnce();
    }
}
