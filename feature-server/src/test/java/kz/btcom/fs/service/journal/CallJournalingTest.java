package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallAlerting;
import kz.btcom.fs.billing.JournalEvent.CallAnswer;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallForwarding;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.service.ServedCalls;
import kz.btcom.fs.testing.FakeCallControl;
import kz.btcom.fs.testing.RecordingCallEvents;
import kz.btcom.fs.testing.StartedCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the billing journal gets from a call's life: attempt, alerting, answer, forwardings, release. */
class CallJournalingTest {

    private static final String X = "+77272777199";
    private static final String A = "+77272777101";
    private static final String B = "+77172555102";
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private final ServedCalls calls = new ServedCalls();
    private final RecordingCallEvents journal = calls.services.journal;
    /** The server's handler: each call's session, with the journal following it. */
    private final StartedCalls handler = calls.started;

    @AfterEach
    void close() {
        calls.close();
    }

    private OnwardLeg relay(CallSetup setup) {
        return assertInstanceOf(CallDecision.Relay.class, handler.onNewCall(setup)).leg();
    }

    private static CallEnd ended(CallOutcome outcome, int status, CallEnd.Releaser by, Instant answered,
                                 Instant end, List<kz.btcom.fs.call.Diversion> diversions) {
        return new CallEnd(outcome, status, by, Optional.of(T0.plusSeconds(1)), Optional.ofNullable(answered), end,
                diversions);
    }

    @Test
    void anAnsweredCallIsJournaledFromAttemptToReleaseWithItsDuration() {
        CallSetup setup = call(X, "+493012345678");
        OnwardLeg leg = relay(setup);
        FakeCallControl control = new FakeCallControl(calls.services.scheduler);
        leg.events().onRinging(control);
        leg.events().onRinging(control);
        leg.events().onAnswered(control);
        handler.onCallEnded(setup, ended(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER, T0.plusSeconds(5),
                T0.plusSeconds(66), List.of()));

        List<Class<?>> types = journal.events.stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(CallAttempt.class, CallAlerting.class, CallAnswer.class, CallRelease.class), types,
                "one alerting however often it rings");
        CallAttempt attempt = journal.of(CallAttempt.class).get(0);
        assertEquals(X, attempt.caller());
        assertEquals("+493012345678", attempt.called());
        assertEquals(NumberClass.INTERNATIONAL, attempt.calledClass());
        assertEquals(X, attempt.chargedParty());
        CallRelease release = journal.of(CallRelease.class).get(0);
        assertEquals(Duration.ofSeconds(61), release.duration());
        assertEquals(200, release.cause());
        assertEquals(JournalEvent.Party.CALLER, release.releasedBy());
        assertEquals(T0, release.started());
    }

    @Test
    void aCallBackByStarSixtyNineIsJournaledAndBilledAsACallToTheLastCaller() {
        calls.provision(line(A));
        CallSetup fromAstana = withCallId(call(B, A), "from-astana");
        relay(fromAstana);
        handler.onCallEnded(fromAstana, ended(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER, T0,
                T0.plusSeconds(20), List.of()));
        journal.events.clear();

        CallSetup callBack = withCallId(call(A, "*69#"), "call-back");
        relay(callBack);
        handler.onCallEnded(callBack, ended(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER, T0.plusSeconds(30),
                T0.plusSeconds(91), List.of()));

        CallAttempt attempt = journal.of(CallAttempt.class).get(0);
        assertEquals(B, attempt.called());
        assertEquals(NumberClass.NATIONAL, attempt.calledClass());
        CallRelease release = journal.of(CallRelease.class).get(0);
        assertEquals(B, release.called());
        assertEquals(NumberClass.NATIONAL, release.calledClass());
        assertEquals(A, release.caller());
    }

    @Test
    void anUnansweredCallIsReleasedWithItsCauseAndNoDuration() {
        CallSetup setup = call(X, A);
        relay(setup);
        handler.onCallEnded(setup, ended(CallOutcome.UNANSWERED, 486, CallEnd.Releaser.CALLEE, null,
                T0.plusSeconds(3), List.of()));

        CallRelease release = journal.of(CallRelease.class).get(0);
        assertNull(release.answered());
        assertEquals(Duration.ZERO, release.duration());
        assertEquals(486, release.cause());
        assertEquals(NumberClass.LOCAL, release.calledClass());
    }

    @Test
    void unconditionalForwardingIsJournaledAndItsLegIsChargedToTheForwardingLine() {
        calls.provision(line(A).forwardsUnconditionallyTo(B));
        CallSetup setup = call(X, A);
        OnwardLeg leg = relay(setup);
        handler.onCallEnded(setup, ended(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLEE, T0.plusSeconds(4),
                T0.plusSeconds(20), leg.diversions()));

        CallForwarding forwarding = journal.of(CallForwarding.class).get(0);
        assertEquals(A, forwarding.from());
        assertEquals(B, forwarding.to());
        assertEquals(NumberClass.NATIONAL, forwarding.toClass());
        assertEquals(A, forwarding.chargedParty());
        assertEquals(List.of(new JournalEvent.ForwardedLeg(A, B, NumberClass.NATIONAL, DiversionReason.UNCONDITIONAL)),
                journal.of(CallRelease.class).get(0).legs());
    }

    @Test
    void aForwardingOnATimerIsJournaledToo() {
        calls.provision(line(A).forwardsOnNoReplyTo(B, 5));
        OnwardLeg leg = relay(call(X, A));
        FakeCallControl control = new FakeCallControl(calls.services.scheduler);

        leg.events().onRinging(control);
        calls.services.scheduler.advance(Duration.ofSeconds(5));

        assertEquals(1, control.redirects.size());
        assertEquals(DiversionReason.NO_REPLY, journal.of(CallForwarding.class).get(0).reason());
        control.redirects.get(0).events().onAnswered(control);
        assertEquals(1, journal.of(CallAnswer.class).size(), "the new leg's answer is journaled as well");
    }

    @Test
    void aCallForwardedOnNoReplyIsJournaledInTheOrderItHappened() {
        calls.provision(line(A).forwardsOnNoReplyTo(B, 5));
        CallSetup setup = call(X, A);
        OnwardLeg leg = relay(setup);
        FakeCallControl control = new FakeCallControl(calls.services.scheduler);

        leg.events().onRinging(control);
        calls.services.scheduler.advance(Duration.ofSeconds(5));
        OnwardLeg forwarded = control.redirects.get(0);
        forwarded.events().onRinging(control);
        forwarded.events().onAnswered(control);
        handler.onCallEnded(setup, ended(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER, T0.plusSeconds(12),
                T0.plusSeconds(70), forwarded.diversions()));

        assertEquals(List.of(CallAttempt.class, CallAlerting.class, CallForwarding.class, CallAnswer.class,
                        CallRelease.class), journal.events.stream().<Class<?>>map(Object::getClass).toList(),
                "one alerting for the call, though both legs rang");
        assertEquals(B, journal.of(CallForwarding.class).get(0).to());
    }

    @Test
    void aBarredCallIsJournaledAsSuchAndReleased() {
        calls.provision(line(X).barringLevel(1));
        CallSetup setup = call(X, "+79161234567");

        CallDecision decision = handler.onNewCall(setup);
        handler.onCallEnded(setup, ended(CallOutcome.REJECTED, 603, CallEnd.Releaser.SERVER, null, T0, List.of()));

        assertEquals(new CallDecision.Reject(603, "Decline"), decision);
        JournalEvent.BarringRejection barred = journal.of(JournalEvent.BarringRejection.class).get(0);
        assertEquals("+79161234567", barred.called());
        assertEquals(NumberClass.INTERNATIONAL, barred.calledClass());
        assertEquals("barring level 1", barred.reason());
        assertTrue(journal.of(CallAttempt.class).isEmpty(), "nothing was attempted towards the core");
        assertEquals(603, journal.of(CallRelease.class).get(0).cause());
    }

    @Test
    void aFeatureCodeIsJournaledWithoutItsDigitsSoThatNoPinReachesTheJournal() throws Exception {
        calls.provision(line(X));
        CallSetup setup = call(X, "*34*4821*1%23");

        handler.onNewCall(setup);
        calls.services.confirmations.asked.get(0).toCompletableFuture().get();
        handler.onCallEnded(setup, ended(CallOutcome.ANSWERED_LOCALLY, 200, CallEnd.Releaser.SERVER, T0, T0,
                List.of()));

        JournalEvent.FeatureCodeUse use = journal.of(JournalEvent.FeatureCodeUse.class).get(0);
        assertEquals("barring.activate", use.operation());
        assertFalse(use.positive(), "a wrong PIN");
        assertEquals("*34#", journal.of(CallRelease.class).get(0).called());
        assertFalse(journal.events.toString().contains("4821"));
    }
}
