package kz.btcom.fs.service.linetest;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallAlerting;
import kz.btcom.fs.billing.JournalEvent.CallAnswer;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.rating.CallRater;
import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import kz.btcom.fs.media.Prompt;
import kz.btcom.fs.media.Tone;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.OwnCalls;
import kz.btcom.fs.testing.RecordingCallEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A technician's line test: what the server places, and what the journal holds of it. */
class LineTestsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T05:00:00Z");
    private static final String DESK = "+77272777888";
    private static final String LINE = "+77272123456";

    private final RecordingCallEvents journal = new RecordingCallEvents();
    private final PlacerSpy placer = new PlacerSpy();
    private Prompt played;
    private final LocalMedia media = new LocalMedia() {
        @Override public String sdpAnswer(String sdpOffer) { return "v=0"; }
        @Override public void start(Runnable hangUp) { }
        @Override public void close() { }
    };
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final OwnCalls ownCalls = new OwnCalls(java.util.Set.of(DESK));
    private final LineTests lineTests = new LineTests(placer, (callId, prompt) -> {
        played = prompt.toCompletableFuture().join();
        return media;
    }, journal, NumberingPlan.builtIn(), clock, DESK, ownCalls);

    @Test
    void theServerCallsTheLineFromTheServiceDeskAndPlaysThePositiveTone() {
        lineTests.ring(LINE);

        assertEquals(LINE, placer.call.targetNumber());
        assertEquals(DESK, placer.call.callerNumber());
        assertEquals(Optional.of(LineTests.CALLER_NAME), placer.call.callerName());
        assertSame(media, placer.call.media());
        assertEquals(Tone.POSITIVE, played);
    }

    @Test
    void anAnsweredTestIsJournaledAsAnyCallIsAndChargedToNobody() {
        PlacedCall call = lineTests.ring(LINE);
        PlacedCallEvents events = placer.events;

        events.onPlaced(call);
        CallAttempt attempt = (CallAttempt) journal.events.get(0);
        assertEquals(new CallAttempt("test-1", T0, DESK, LINE, NumberClass.LOCAL, null, JournalEvent.Pass.PLACED,
                "icid-1"), attempt, "written before the INVITE goes out");

        now = T0.plusSeconds(2);
        events.onProvisional(183, call);
        events.onProvisional(180, call);
        events.onProvisional(180, call);
        now = T0.plusSeconds(5);
        events.onAnswered(call);
        now = T0.plusSeconds(9);
        events.onEnded(new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.SERVER,
                Optional.of(T0.plusSeconds(2)), Optional.of(T0.plusSeconds(5)), now, List.of()));

        assertEquals(List.of(attempt, new CallAlerting("test-1", T0.plusSeconds(2)),
                new CallAnswer("test-1", T0.plusSeconds(5)),
                new CallRelease("test-1", T0.plusSeconds(9), DESK, LINE, NumberClass.LOCAL, T0,
                        T0.plusSeconds(5), 200, JournalEvent.Party.SERVER, List.of(), JournalEvent.Pass.PLACED,
                        "icid-1")), journal.events, "one alerting however many 180s");
        CallRelease release = journal.of(CallRelease.class).get(0);
        assertEquals(List.of(), new CallRater(Tariffs.builtIn()).rate(release), "no caller's leg to charge");
    }

    @Test
    void aBusyLineIsAnAttemptAndARelease() {
        PlacedCall call = lineTests.ring(LINE);

        placer.events.onPlaced(call);
        placer.events.onFailed(486, call);
        placer.events.onEnded(new CallEnd(CallOutcome.FAILED, 486, CallEnd.Releaser.CALLEE, Optional.empty(),
                Optional.empty(), T0, List.of()));

        assertEquals(2, journal.events.size());
        CallRelease release = journal.of(CallRelease.class).get(0);
        assertEquals(486, release.cause());
        assertNull(release.answered());
        assertEquals(JournalEvent.Party.CALLEE, release.releasedBy());
    }

    @Test
    void aCallStoppedBeforeItWentIsStillAnAttemptAndARelease() {
        PlacedCall call = lineTests.ring(LINE);

        placer.events.onFailed(503, call);
        placer.events.onEnded(new CallEnd(CallOutcome.OVERLOAD, 503, CallEnd.Releaser.SERVER, Optional.empty(),
                Optional.empty(), T0, List.of()));

        assertTrue(journal.events.get(0) instanceof CallAttempt);
        assertEquals(503, journal.of(CallRelease.class).get(0).cause());
    }

    /** The adapter's port as a service sees it: the call it was asked to place, and the listener to tell. */
    private static final class PlacerSpy implements kz.btcom.fs.call.CallPlacer {
        OutgoingCall call;
        PlacedCallEvents events;

        @Override
        public PlacedCall place(OutgoingCall call, PlacedCallEvents events) {
            this.call = call;
            this.events = events;
            return new PlacedCall() {
                @Override public String callId() { return "test-1"; }
                @Override public String icid() { return "icid-1"; }
                @Override public void cancel() { }
                @Override public void hangUp() { }
            };
        }
    }
}
