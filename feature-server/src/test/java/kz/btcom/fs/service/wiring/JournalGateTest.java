package kz.btcom.fs.service.wiring;

import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.service.ServedCalls;
import kz.btcom.fs.testing.RecordingCallEvents;
import kz.btcom.fs.testing.StartedCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A call that cannot be billed is not connected: while the journal takes no new calls, a new call gets 503 before
 * any service acts on it, and is journaled as the refused call it is (in the reserve kept for that).
 */
class JournalGateTest {

    private static final String A = "+77272777101";
    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private final ServedCalls calls = new ServedCalls();
    private final RecordingCallEvents journal = calls.services.journal;
    private final StartedCalls handler = calls.started;

    @AfterEach
    void close() {
        calls.close();
    }

    @Test
    void whileTheJournalTakesCallsTheServicesDecide() {
        assertInstanceOf(CallDecision.Relay.class, handler.onNewCall(call(A, "+77272777102")));
    }

    @Test
    void whileItDoesNotANewCallGets503AndNoServiceSeesIt() {
        calls.services.journalTakesNewCalls = false;
        CallSetup setup = call(A, "*21*+77272777103#"); // a feature code would change the line: it must not

        CallDecision.Reject reject = assertInstanceOf(CallDecision.Reject.class, handler.onNewCall(setup));
        assertEquals(503, reject.statusCode());
        assertEquals(List.of(), journal.events, "no attempt, no feature-code use");

        handler.onCallEnded(setup, new CallEnd(CallOutcome.REJECTED, 503, CallEnd.Releaser.SERVER, Optional.empty(),
                Optional.empty(), T0, List.of()));
        assertEquals(503, journal.of(CallRelease.class).get(0).cause(), "journaled as refused");
    }
}
