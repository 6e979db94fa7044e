package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.service.ServedCalls;
import kz.btcom.fs.testing.FakeCallControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Busy and call waiting (TS 24.615, PRODUCT.md "Call waiting"), through the shipped services: B is the subscriber
 * being called; X, Y and Z call it; C is where B forwards. Each call has its own Call-ID, as on the wire.
 */
class CallWaitingTest {

    static final String B = "+77272777102";
    static final String C = "+77272777103";
    static final String X = "+77272777197";
    static final String Y = "+77272777198";
    static final String Z = "+77272777199";
    static final String GERMANY = "+493012345678";

    final ServedCalls calls = new ServedCalls();
    final CallsInProgress lines = calls.services.callsInProgress;

    @AfterEach
    void close() {
        calls.close();
    }

    private static CallSetup from(String caller, String called, String callId) {
        return withCallId(call(caller, called), callId);
    }

    private static final CallDecision.Reject BUSY = new CallDecision.Reject(486, "Busy Here");

    /** B has answered a call from X. */
    private CallSetup bTalkingToX() {
        CallSetup first = from(X, B, "first");
        calls.answer(calls.relayed(first));
        return first;
    }

    @Test
    void aCallToAFreeLineRingsAsUsualWithoutTheWaitingIndication() {
        calls.provision(line(B).withCallWaiting());

        OnwardLeg leg = calls.relayed(from(X, B, "first"));

        assertEquals(Optional.empty(), leg.alertInfo());
        assertEquals(1, lines.callsOf(B));
    }

    @Test
    void aCallToASubscriberTalkingWithCallWaitingOnWaitsWithTheCallWaitingAlertInfo() {
        calls.provision(line(B).withCallWaiting());
        bTalkingToX();

        OnwardLeg waiting = calls.relayed(from(Y, B, "second"));

        assertEquals(Optional.of("<urn:alert:service:call-waiting>"), waiting.alertInfo());
        assertEquals(2, lines.callsOf(B));
    }

    @Test
    void aThirdCallFindsTheSubscriberBusyWhileACallWaits() {
        calls.provision(line(B).withCallWaiting());
        bTalkingToX();
        calls.relayed(from(Y, B, "second"));

        assertEquals(BUSY, calls.call(from(Z, B, "third")));
    }

    @Test
    void aThirdCallFindsTheSubscriberBusyAfterItAnsweredTheWaitingCallToo() {
        calls.provision(line(B).withCallWaiting());
        bTalkingToX();
        calls.answer(calls.relayed(from(Y, B, "second")));

        assertEquals(BUSY, calls.call(from(Z, B, "third")));
    }

    @Test
    void withCallWaitingOffASubscriberInACallIsBusy() {
        calls.provision(line(B).withCallWaitingOff());
        bTalkingToX();

        assertEquals(BUSY, calls.call(from(Y, B, "second")));
    }

    @Test
    void withoutCallWaitingSubscribedASubscriberInACallIsBusyEvenIfTheFlagSaysActive() {
        calls.provision(line(B).withCallWaiting().withoutCallWaitingSubscription());
        bTalkingToX();

        assertEquals(BUSY, calls.call(from(Y, B, "second")));
    }

    @Test
    void aBusySubscriberWithForwardingOnBusyForwardsTheCallInsteadOf486() {
        calls.provision(line(B).withCallWaitingOff().forwardsOnBusyTo(C), line(C));
        bTalkingToX();

        OnwardLeg forwarded = calls.relayed(from(Y, B, "second"));

        assertEquals(Optional.of(C), forwarded.targetNumber());
        assertEquals(DiversionReason.BUSY, forwarded.diversions().get(0).reason());
        assertEquals(1, lines.callsOf(C), "the target's line is occupied by the forwarded call");
        assertEquals(1, lines.callsOf(B), "B's line still has only its own call");
    }

    @Test
    void theWaitingCallIsForwardedOnBusyWhenTheSubscriberHasBothAndAThirdCallComes() {
        calls.provision(line(B).withCallWaiting().forwardsOnBusyTo(C), line(C));
        bTalkingToX();
        calls.relayed(from(Y, B, "second"));

        OnwardLeg third = calls.relayed(from(Z, B, "third"));

        assertEquals(Optional.of(C), third.targetNumber());
    }

    @Test
    void aSubscriberPlacingACallIsInACallForTheCallsThatComeToIt() {
        calls.provision(line(B).withCallWaiting());
        calls.relayed(from(B, "+77272999000", "outgoing"));

        OnwardLeg waiting = calls.relayed(from(X, B, "incoming"));

        assertEquals(Optional.of("<urn:alert:service:call-waiting>"), waiting.alertInfo());
    }

    @Test
    void aLineStillRingingForOneCallIsBusyForTheNextEvenWithCallWaiting() {
        calls.provision(line(B).withCallWaiting());
        calls.relayed(from(X, B, "ringing"));

        assertEquals(BUSY, calls.call(from(Y, B, "second")));
    }

    @Test
    void theEndOfACallFreesTheLine() {
        calls.provision(line(B).withCallWaitingOff());
        CallSetup first = bTalkingToX();

        calls.end(first);

        assertEquals(0, lines.callsOf(B));
        assertEquals(Optional.empty(), calls.relayed(from(Y, B, "second")).alertInfo());
    }

    @Test
    void hangingUpTheFirstCallLeavesTheWaitingCallAsTheOnlyOne() {
        calls.provision(line(B).withCallWaiting());
        CallSetup first = bTalkingToX();
        calls.relayed(from(Y, B, "second"));

        calls.end(first);

        assertEquals(1, lines.callsOf(B));
        assertTrue(lines.isIn(B, "second"));
    }

    @Test
    void aRefusedCallOccupiesNobody() {
        calls.provision(line(B).withCallWaitingOff());
        bTalkingToX();
        CallSetup refused = from(Y, B, "second");
        calls.call(refused);

        calls.end(refused);

        assertEquals(1, lines.callsOf(B));
        assertEquals(1, lines.busySubscribers());
    }

    @Test
    void barringComesBeforeBusy() {
        calls.provision(line(X).barringLevel(1), line(B).withCallWaitingOff());
        calls.relayed(from(Y, B, "first"));

        assertEquals(new CallDecision.Reject(603, "Decline"), calls.call(from(X, GERMANY, "barred")));
    }

    @Test
    void unconditionalForwardingComesBeforeBusy() {
        calls.provision(line(B).withCallWaitingOff().forwardsUnconditionallyTo(C), line(C));
        calls.relayed(from(B, "+77272999000", "b-calls-out"));

        OnwardLeg second = calls.relayed(from(Y, B, "second"));

        assertEquals(Optional.of(C), second.targetNumber());
        assertEquals(DiversionReason.UNCONDITIONAL, second.diversions().get(0).reason());
        assertEquals(1, lines.callsOf(B), "a call forwarded unconditionally never occupies B");
    }

    @Test
    void aWaitingCallIsForwardedOnNoReplyWhenItsTimerRunsOutAndFreesTheSubscriber() {
        calls.provision(line(B).withCallWaiting().forwardsOnNoReplyTo(C, 10), line(C));
        bTalkingToX();
        OnwardLeg waiting = calls.relayed(from(Y, B, "second"));
        FakeCallControl control = new FakeCallControl(calls.services.scheduler);

        waiting.events().onRinging(control);
        calls.services.scheduler.advance(Duration.ofSeconds(10));

        assertEquals(1, control.redirects.size());
        assertEquals(Optional.of(C), control.redirects.get(0).targetNumber());
        calls.leave(waiting);
        assertEquals(1, lines.callsOf(B), "B is back to its first call only");
        assertTrue(lines.isIn(C, "second"));
    }

    @Test
    void twoLinesAreIndependent() {
        calls.provision(line(B).withCallWaitingOff(), line(C).withCallWaitingOff());
        bTalkingToX();

        assertEquals(Optional.empty(), calls.relayed(from(Y, C, "to-c")).alertInfo());
    }
}
