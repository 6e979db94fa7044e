package kz.btcom.fs.service.wiring;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.CallDecider;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServedCalls;
import kz.btcom.fs.service.ServiceChains;
import kz.btcom.fs.service.journal.CallJournalist;
import kz.btcom.fs.sessioncase.DialledNumbers;
import kz.btcom.fs.sessioncase.ServedSubscribers;
import kz.btcom.fs.subscriber.StoreException;
import kz.btcom.fs.testing.RecordingCallEvents;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.Line.line;
import static kz.btcom.fs.testing.TestSubscribers.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The feature server's side of the B2BUA: a session for each new call, which the journal follows, the services
 * decide about and add their listeners to, and which is the call's listener for the rest of it.
 */
class CallSessionsTest {

    private static final String A = "+77272777101";
    private static final String B = "+77272777102";
    private static final ReferRequest TRANSFER_TO_C = new ReferRequest("tel:+77272777103", Optional.empty(),
            Optional.empty());
    private static final CallEnd ENDED = new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLEE,
            Optional.empty(), Optional.of(Instant.parse("2026-12-06T08:00:05Z")),
            Instant.parse("2026-12-06T08:01:00Z"), List.of());

    private final ServedCalls calls = new ServedCalls();

    @AfterEach
    void close() {
        calls.close();
    }

    @Test
    void eachCallHasASessionOfItsOwnAsItsListener() {
        CallStart first = calls.handler.onNewCall(withCallId(call(A, B), "first"));
        CallStart second = calls.handler.onNewCall(withCallId(call(A, B), "second"));

        assertNotSame(first.listener(), second.listener());
    }

    @Test
    void aReferReachesAServicesListenerAndIsRelayedByDefault() {
        List<String> heard = new ArrayList<>();
        CallService transfers = call -> {
            call.call().addReferListener((from, refer) -> {
                heard.add(call.callId() + ": " + from + " refers to " + refer.referTo());
                return ReferDecision.RELAY;
            });
            return call.proceed();
        };
        RecordingCallEvents journal = new RecordingCallEvents();
        CallSessions sessions = new CallSessions(new CallDecider(served(A, B),
                ServiceChains.of(List.of(transfers), List.of()), new DialledNumbers(NumberingPlan.builtIn())),
                new CallJournalist(journal, NumberingPlan.builtIn(), FakeClock.at("2026-12-06T08:00:00Z")),
                () -> true);

        CallStart start = sessions.onNewCall(withCallId(call(A, B), "transferred@core"));

        assertInstanceOf(CallDecision.Relay.class, start.decision());
        assertSame(ReferDecision.RELAY, start.listener().onRefer(CallParty.CALLER, TRANSFER_TO_C));
        assertEquals(List.of("transferred@core: CALLER refers to tel:+77272777103"), heard);
    }

    @Test
    void withTheShippedServicesEveryReferIsRelayedEvenFromABarredOrSuspendedLine() {
        calls.provision(line(A).barringLevel(4), line(B).suspended());
        CallSetup setup = withCallId(call(A, "112"), "emergency@core");
        calls.relayed(setup);

        assertSame(ReferDecision.RELAY, calls.started.listenerOf(setup).onRefer(CallParty.CALLER, TRANSFER_TO_C));
        assertSame(ReferDecision.RELAY, calls.started.listenerOf(setup).onRefer(CallParty.CALLEE, TRANSFER_TO_C));
    }

    @Test
    void aCallTheServicesFailOnIsRefusedWith500AndStillJournaled() {
        RecordingCallEvents journal = new RecordingCallEvents();
        ServedSubscribers databaseDown = user -> {
            throw new StoreException("the database is down", null);
        };
        CallSessions sessions = new CallSessions(new CallDecider(databaseDown, ServiceChains.of(List.of(), List.of()),
                new DialledNumbers(NumberingPlan.builtIn())),
                new CallJournalist(journal, NumberingPlan.builtIn(), FakeClock.at("2026-12-06T08:00:00Z")),
                () -> true);

        CallStart start = sessions.onNewCall(withCallId(call(A, B), "failed@core"));
        start.listener().onEnded(new CallEnd(CallOutcome.REJECTED, 500, CallEnd.Releaser.SERVER, Optional.empty(),
                Optional.empty(), Instant.parse("2026-12-06T08:00:00Z"), List.of()));

        assertEquals(new CallDecision.Reject(500, "Server Internal Error"), start.decision());
        assertEquals(500, journal.of(JournalEvent.CallRelease.class).get(0).cause());
    }

    @Test
    void theJournalFollowsEveryCallToItsEndWhateverTheServicesDecided() {
        calls.provision(line(A).barringLevel(1));
        CallSetup barred = withCallId(call(A, "+493012345678"), "barred@core");

        assertInstanceOf(CallDecision.Reject.class, calls.call(barred));
        calls.started.onCallEnded(barred, ENDED);

        assertEquals("barred@core", calls.services.journal.of(JournalEvent.CallRelease.class).get(0).callId());
    }
}
