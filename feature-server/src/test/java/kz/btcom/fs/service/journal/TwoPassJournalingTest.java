package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.billing.rating.CallRater;
import kz.btcom.fs.billing.rating.TestTariffs;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.ServedCalls;
import kz.btcom.fs.testing.RecordingCallEvents;
import kz.btcom.fs.testing.StartedCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.pServedUser;
import static kz.btcom.fs.testing.CallSetups.routeOrig;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.CallSetups.withIcid;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One call, one bill, when the core sends the call through us twice (issue 11): the originating pass (top Route
 * {@code orig}) charges the caller, the terminating pass ({@code P-Served-User;sescase=term}) only the legs it
 * forwards, and both are journaled with the session case they served and the call's one icid. The B2BUA gives each
 * pass a Call-ID of its own: the terminating pass's is the originating pass's onward leg.
 */
class TwoPassJournalingTest {

    /** Almaty subscribers, both served here: every call between them takes both passes. */
    private static final String A = "+77272777101";
    private static final String B = "+77272777102";
    /** In Astana: a national call from Almaty. */
    private static final String C = "+77172555103";
    private static final String ICID = "AyretyU0dm+6O2IrT5tAFrbHLso=023551024";
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private final ServedCalls calls = new ServedCalls();
    private final RecordingCallEvents journal = calls.services.journal;
    /** The server's handler: each call's session, with the journal following it. */
    private final StartedCalls handler = calls.started;
    private final CallRater rater = new CallRater(TestTariffs.FIXED);

    @AfterEach
    void close() {
        calls.close();
    }

    @Test
    void aCallBetweenTwoSubscribersHereIsChargedOnceThoughItPassesTwice() {
        calls.provision(line(A), line(B));

        passes(originatingPass(A, B), terminatingPass(A, B, B));

        assertEquals(List.of(Pass.ORIGINATING, Pass.TERMINATING), journal.of(CallAttempt.class).stream()
                .map(CallAttempt::pass).toList());
        assertEquals(List.of(ICID, ICID), journal.of(CallRelease.class).stream().map(CallRelease::icid).toList());
        assertNull(journal.of(CallAttempt.class).get(1).chargedParty(), "the terminating pass charges nobody");
        assertEquals(List.of(List.of("a-leg@core", A, B, "local", "2.00", ICID)), records());
    }

    @Test
    void withUnconditionalForwardingTheCallerAndTheForwardingSubscriberPayOnceEach() {
        calls.provision(line(A), line(B).forwardsUnconditionallyTo(C));

        OnwardLeg forwarded = passes(originatingPass(A, B), terminatingPass(A, B, B)).get(1);

        assertEquals(Optional.of(C), forwarded.targetNumber(), "B's terminating pass forwards to C");
        assertEquals(List.of(
                        List.of("orig-onward@fs", B, C, "national zone 2", "21.00", ICID),
                        List.of("a-leg@core", A, B, "local", "2.00", ICID)),
                records(), "B pays for B -> C, A for A -> B, one record each, one call");
    }

    @Test
    void aCallBackByStarSixtyNineIsChargedOnceToTheSubscriberWhoCalledBack() {
        calls.provision(line(A), line(B));
        CallSetup earlier = withCallId(call(B, A), "b-called-a@core");
        calls.relayed(earlier);
        calls.end(earlier);
        journal.events.clear();

        // A dials *69#: its originating pass places the call to B; the core sends it back for B's services.
        passes(originatingPass(A, "*69%23"), terminatingPass(A, B, B));

        assertEquals(List.of(B, B), journal.of(CallRelease.class).stream().map(CallRelease::called).toList());
        assertEquals(List.of(List.of("a-leg@core", A, B, "local", "2.00", ICID)), records());
    }

    @Test
    void aTerminatingPassForACallerFromElsewhereChargesNobody() {
        // The caller's own network charges its call; the server only serves the callee here.
        calls.provision(line(B));

        passes(terminatingPass("+74951234567", B, B));

        assertEquals(List.of(Pass.TERMINATING), journal.of(CallRelease.class).stream().map(CallRelease::pass)
                .toList());
        assertEquals(List.of(), records());
    }

    @Test
    void withNoSessionCaseStatedTheOnePassServesBothAndChargesTheCaller() {
        calls.provision(line(A), line(B));

        passes(withIcid(withCallId(call(A, B), "one-pass@core"), ICID));

        assertEquals(Pass.BOTH, journal.of(CallRelease.class).get(0).pass());
        assertEquals(List.of(List.of("one-pass@core", A, B, "local", "2.00", ICID)), records());
    }

    // ---------------------------------------------------------------- the passes of one call

    /** The caller's INVITE as the core sends it for the originating services: top Route with {@code orig}. */
    private static CallSetup originatingPass(String caller, String dialled) {
        return withIcid(withCallId(routeOrig(caller, dialled), "a-leg@core"), ICID);
    }

    /** The originating pass's onward INVITE, sent back by the core with {@code P-Served-User;sescase=term}. */
    private static CallSetup terminatingPass(String caller, String called, String servedUser) {
        return withIcid(withCallId(pServedUser(caller, called, SessionCase.TERMINATING, servedUser),
                "orig-onward@fs"), ICID);
    }

    /**
     * Each pass relayed, answered, and released after 61 s of talk (2 started minutes locally, 7 blocks of 10 s
     * nationally), the terminating pass's first: its BYE reaches it first when the callee hangs up.
     */
    private List<OnwardLeg> passes(CallSetup... passes) {
        List<OnwardLeg> legs = new java.util.ArrayList<>();
        for (CallSetup pass : passes) {
            legs.add(assertInstanceOf(CallDecision.Relay.class, handler.onNewCall(pass)).leg());
        }
        for (int i = passes.length - 1; i >= 0; i--) {
            handler.onCallEnded(passes[i], new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLEE,
                    Optional.of(T0.plusSeconds(1)), Optional.of(T0.plusSeconds(5)), T0.plusSeconds(66),
                    legs.get(i).diversions()));
        }
        return legs;
    }

    /** Every rated record of what was journaled: Call-ID, who pays, number called, tariff, cost, icid. */
    private List<List<String>> records() {
        return journal.of(CallRelease.class).stream().flatMap(r -> rater.rate(r).stream())
                .map(r -> List.of(r.callId(), r.chargedParty(), r.called(), r.tariff(), r.cost().toPlainString(),
                        r.icid()))
                .toList();
    }
}
