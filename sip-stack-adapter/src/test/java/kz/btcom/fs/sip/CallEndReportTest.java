package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallListener;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.DiversionReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end of a call as its listener hears it: once, with what the caller was told and who ended it. */
class CallEndReportTest {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");
    private static final Instant RANG = NOW.minusSeconds(30);
    private static final Instant ANSWERED = NOW.minusSeconds(25);

    private final List<CallEnd> heard = new ArrayList<>();
    private final CallListener listener = new CallListener() {
        @Override
        public void onEnded(CallEnd end) {
            heard.add(end);
        }
    };
    private final CallEndReport report = new CallEndReport("c1", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theListenerHearsWhatTheCallerWasToldAndWhenItEnded() {
        List<Diversion> diversions = List.of(new Diversion("+77272777101", "+77272777102",
                DiversionReason.NO_REPLY));
        report.releasedBy(CallEnd.Releaser.CALLEE);

        report.report(listener, CallOutcome.ANSWERED, 200, RANG, ANSWERED, diversions);

        assertEquals(List.of(new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLEE, Optional.of(RANG),
                Optional.of(ANSWERED), NOW, diversions)), heard);
        assertTrue(report.isReported());
    }

    @Test
    void onlyTheFirstReportCountsWhateverComesAfter() {
        report.releasedBy(CallEnd.Releaser.CALLER);
        report.report(listener, CallOutcome.ANSWERED, 200, RANG, ANSWERED, List.of());

        report.releasedBy(CallEnd.Releaser.SERVER);
        report.report(listener, CallOutcome.FAILED, 500, null, null, List.of());

        assertEquals(1, heard.size());
        assertEquals(CallOutcome.ANSWERED, heard.get(0).outcome());
        assertEquals(CallEnd.Releaser.CALLER, heard.get(0).releasedBy());
    }

    @Test
    void nobodyNamedMeansTheServerEndedItAndNeverAnsweredMeansNoTimes() {
        report.report(listener, CallOutcome.REJECTED, 603, null, null, List.of());

        assertEquals(new CallEnd(CallOutcome.REJECTED, 603, CallEnd.Releaser.SERVER, Optional.empty(),
                Optional.empty(), NOW, List.of()), heard.get(0));
    }

    @Test
    void aListenerThatFailsStillCountsAsTold() {
        CallListener failing = new CallListener() {
            @Override
            public void onEnded(CallEnd end) {
                throw new IllegalStateException("a bug in a service");
            }
        };

        report.report(failing, CallOutcome.ANSWERED, 200, RANG, ANSWERED, List.of());
        report.report(listener, CallOutcome.ANSWERED, 200, RANG, ANSWERED, List.of());

        assertTrue(report.isReported());
        assertEquals(List.of(), heard, "told once, even though it failed");
    }

    @Test
    void beforeAnyReportNothingIsReported() {
        assertFalse(report.isReported());
    }
}
