package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.featurecode.Indication;
import kz.btcom.fs.service.ServedCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.CallSetups.withPrivacyId;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Last-caller return (PRODUCT.md): A dials {@code *69#} and is connected to whoever called it last, as if it had
 * dialled that number; a restricted caller, or none, gives the negative indication. A is ours; X, Y call it.
 */
class LastCallerReturnTest {

    static final String A = "+77272777101";
    static final String C = "+77272777103";
    static final String X = "+77272777198";
    static final String Y = "+77172555199";
    static final String GERMANY = "+493012345678";
    static final String CALL_RETURN = "*69#";

    final ServedCalls calls = new ServedCalls();

    @AfterEach
    void close() {
        calls.close();
    }

    private CallDecision dialCallReturn(String subscriber) {
        return calls.call(withCallId(call(subscriber, CALL_RETURN), "call-return"));
    }

    private Indication played() {
        return calls.services.confirmations.asked.get(calls.services.confirmations.asked.size() - 1)
                .toCompletableFuture().join();
    }

    private void callEndedFrom(CallSetup setup) {
        calls.relayed(setup);
        calls.end(setup);
    }

    @Test
    void starSixtyNineCallsTheLastCallerBack() {
        calls.provision(line(A));
        callEndedFrom(withCallId(call(X, A), "from-x"));

        OnwardLeg back = calls.relayed(withCallId(call(A, CALL_RETURN), "call-return"));

        assertEquals(Optional.of(X), back.targetNumber());
    }

    @Test
    void theLastOfSeveralCallersIsCalledBack() {
        calls.provision(line(A));
        callEndedFrom(withCallId(call(X, A), "from-x"));
        calls.services.clock.advance(Duration.ofMinutes(1));
        callEndedFrom(withCallId(call(Y, A), "from-y"));

        assertEquals(Optional.of(Y), calls.relayed(withCallId(call(A, CALL_RETURN), "back")).targetNumber());
    }

    @Test
    void anUnansweredCallWhileTheSubscriberWasBusyStillCountsAsTheLastCall() {
        calls.provision(line(A).withCallWaitingOff());
        calls.relayed(withCallId(call(X, A), "talking"));
        calls.call(withCallId(call(Y, A), "busy"));

        assertEquals(Optional.of(Y), calls.relayed(withCallId(call(A, CALL_RETURN), "back")).targetNumber());
    }

    @Test
    void aRestrictedCallerCannotBeCalledBackAndItsNumberIsNeverUsed() {
        calls.provision(line(A));
        callEndedFrom(withCallId(withPrivacyId(X, A), "from-x"));

        CallDecision decision = dialCallReturn(A);

        assertInstanceOf(CallDecision.Answer.class, decision);
        assertEquals(Indication.NEGATIVE, played());
    }

    @Test
    void aCallerWithClirHereCannotBeCalledBack() {
        calls.provision(line(A), line(X).withClir());
        callEndedFrom(withCallId(call(X, A), "from-x"));

        assertInstanceOf(CallDecision.Answer.class, dialCallReturn(A));
        assertEquals(Indication.NEGATIVE, played());
    }

    @Test
    void noLastCallerGivesTheNegativeIndication() {
        calls.provision(line(A));

        assertInstanceOf(CallDecision.Answer.class, dialCallReturn(A));
        assertEquals(Indication.NEGATIVE, played());
    }

    @Test
    void aLineNotSubscribedToCallReturnGetsTheNegativeIndication() {
        calls.provision(line(A).withoutCallReturn());
        callEndedFrom(withCallId(call(X, A), "from-x"));

        assertInstanceOf(CallDecision.Answer.class, dialCallReturn(A));
        assertEquals(Indication.NEGATIVE, played());
    }

    @Test
    void theSubscribersOwnBarringAppliesToTheCallBack() {
        calls.provision(line(A).barringLevel(1));
        callEndedFrom(withCallId(call(GERMANY, A), "from-germany"));

        assertEquals(new CallDecision.Reject(603, "Decline"), dialCallReturn(A));
    }

    @Test
    void aSuspendedLineCannotCallBack() {
        calls.provision(line(A));
        callEndedFrom(withCallId(call(X, A), "from-x"));
        calls.provision(line(A).suspended());

        assertEquals(new CallDecision.Reject(603, "Decline"), dialCallReturn(A));
    }

    @Test
    void theCallBackOccupiesTheSubscribersLine() {
        calls.provision(line(A));
        callEndedFrom(withCallId(call(X, A), "from-x"));

        dialCallReturn(A);

        assertTrue(calls.services.callsInProgress.isIn(A, "call-return"));
    }

    @Test
    void aCallBackToASubscriberHereRunsItsTerminatingServices() {
        calls.provision(line(A), line(C).forwardsUnconditionallyTo("+77272777104"), line("+77272777104"));
        callEndedFrom(withCallId(call(C, A), "from-c"));

        OnwardLeg back = calls.relayed(withCallId(call(A, CALL_RETURN), "back"));

        assertEquals(Optional.of("+77272777104"), back.targetNumber(), "C's own forwarding applies");
    }

    @Test
    void aCallForwardedAwayUnconditionallyIsTheTargetsLastCallNotTheForwardingSubscribers() {
        calls.provision(line(A).forwardsUnconditionallyTo(C), line(C));
        callEndedFrom(withCallId(call(X, A), "from-x"));

        assertEquals(Indication.NEGATIVE, played(dialCallReturn(A)));
        assertEquals(Optional.of(X), calls.relayed(withCallId(call(C, CALL_RETURN), "c-back")).targetNumber());
    }

    @Test
    void theCallReturnCodeIsJournaledAsAFeatureUse() {
        calls.provision(line(A));
        callEndedFrom(withCallId(call(X, A), "from-x"));

        dialCallReturn(A);

        JournalEvent.FeatureCodeUse use = calls.services.journal.of(JournalEvent.FeatureCodeUse.class).get(0);
        assertEquals("lastCallerReturn.activate", use.operation());
        assertTrue(use.positive());
    }

    private Indication played(CallDecision decision) {
        assertInstanceOf(CallDecision.Answer.class, decision);
        return played();
    }
}
