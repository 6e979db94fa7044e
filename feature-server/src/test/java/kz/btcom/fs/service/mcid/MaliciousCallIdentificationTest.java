package kz.btcom.fs.service.mcid;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.featurecode.Indication;
import kz.btcom.fs.service.ServedCalls;
import kz.btcom.fs.service.callreturn.CallOrigin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.viaTrunk;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.CallSetups.withPrivacyId;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malicious call identification (TS 24.616, PRODUCT.md): V, ours, is called by M and flags the call by dialling
 * {@code *39#} within 5 minutes after it (or on a second line during it), or by keying {@code *39#} in the call.
 * The record names the caller as identified, even restricted, and where the call came from; V hears only yes or no.
 */
class MaliciousCallIdentificationTest {

    static final String V = "+77272777101";
    static final String M = "+77172555198";
    static final String FLAG = "*39#";

    final ServedCalls calls = new ServedCalls();
    final List<MaliciousCallRecord> records = calls.services.maliciousCalls.records;

    @AfterEach
    void close() {
        calls.close();
    }

    private CallSetup answeredAndEnded(CallSetup setup) {
        calls.answer(calls.relayed(setup));
        calls.services.clock.advance(Duration.ofSeconds(30));
        calls.end(setup);
        return setup;
    }

    private Indication dialFlag(String victim) {
        CallDecision decision = calls.call(withCallId(call(victim, FLAG), "flag-" + System.nanoTime()));
        assertInstanceOf(CallDecision.Answer.class, decision, "the code is answered by the server, never relayed");
        return calls.services.confirmations.asked.get(calls.services.confirmations.asked.size() - 1)
                .toCompletableFuture().join();
    }

    @Test
    void starThirtyNineRightAfterACallRecordsItWithTheCallingNumberAsOrigin() {
        calls.provision(line(V));
        answeredAndEnded(withCallId(call(M, V), "nuisance@core"));

        assertEquals(Indication.POSITIVE, dialFlag(V));

        MaliciousCallRecord record = records.get(0);
        assertEquals(V, record.victim());
        assertEquals(M, record.callerNumber());
        assertEquals("nuisance@core", record.callId());
        assertEquals(new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, M, ""), record.origin());
        assertEquals(calls.services.clock.instant(), record.flaggedAt());
    }

    @Test
    void aRestrictedCallerIsRecordedWithItsRealNumber() {
        calls.provision(line(V));
        answeredAndEnded(withCallId(withPrivacyId(M, V), "withheld@core"));

        assertEquals(Indication.POSITIVE, dialFlag(V));

        assertEquals(M, records.get(0).callerNumber());
        assertTrue(records.get(0).callerRestricted());
    }

    @Test
    void aCallOverAnIpTrunkIsRecordedWithItsTrunkGroup() {
        calls.provision(line(V));
        answeredAndEnded(viaTrunk(withCallId(call(M, V), "trunk@core"), "tg-astana-7", "btcom.kz", "127.0.0.1"));

        dialFlag(V);

        assertEquals(new CallOrigin(CallOrigin.Kind.TRUNK_GROUP, "tg-astana-7", "btcom.kz"), records.get(0).origin());
    }

    @Test
    void fiveMinutesAfterTheCallItCanStillBeFlaggedButNotLater() {
        calls.provision(line(V));
        answeredAndEnded(withCallId(call(M, V), "c1"));

        calls.services.clock.advance(Duration.ofMinutes(5));
        assertEquals(Indication.POSITIVE, dialFlag(V));
        calls.services.clock.advance(Duration.ofSeconds(1));
        assertEquals(Indication.NEGATIVE, dialFlag(V));

        assertEquals(1, records.size());
    }

    @Test
    void aCallStillInProgressCanBeFlaggedFromASecondLineHoweverLongItLasts() {
        calls.provision(line(V).withCallWaiting());
        CallSetup nuisance = withCallId(call(M, V), "long@core");
        calls.answer(calls.relayed(nuisance));
        calls.services.clock.advance(Duration.ofMinutes(20));

        assertEquals(Indication.POSITIVE, dialFlag(V));

        assertEquals("long@core", records.get(0).callId());
    }

    @Test
    void withNoIncomingCallThereIsNothingToFlag() {
        calls.provision(line(V));

        assertEquals(Indication.NEGATIVE, dialFlag(V));
        assertTrue(records.isEmpty());
    }

    @Test
    void aLineNotSubscribedGetsTheNegativeIndicationAndNoRecord() {
        calls.provision(line(V).withoutMcid());
        answeredAndEnded(withCallId(call(M, V), "c1"));

        assertEquals(Indication.NEGATIVE, dialFlag(V));
        assertTrue(records.isEmpty());
    }

    @Test
    void whenTheRecordCannotBeWrittenTheSubscriberHearsTheNegativeIndication() {
        calls.provision(line(V));
        answeredAndEnded(withCallId(call(M, V), "c1"));
        calls.services.maliciousCalls.failing = true;

        assertEquals(Indication.NEGATIVE, dialFlag(V));
    }

    @Test
    void theRecordIsJournaledAsAChargeableEventOfTheVictim() {
        calls.provision(line(V));
        answeredAndEnded(withCallId(call(M, V), "c1"));

        dialFlag(V);

        JournalEvent.MaliciousCallIdentification event =
                calls.services.journal.of(JournalEvent.MaliciousCallIdentification.class).get(0);
        assertEquals("c1", event.callId());
        assertEquals(V, event.victim());
        assertEquals(M, event.caller());
        assertEquals("callingNumber", event.originKind());
    }

    @Test
    void keyingStarThirtyNineDuringTheCallFlagsItAndTheCallerHearsNoneOfTheKeys() {
        calls.provision(line(V));
        CallSetup nuisance = withCallId(call(M, V), "keyed@core");
        calls.answer(calls.relayed(nuisance));

        for (String key : List.of("*", "3", "9", "#")) {
            assertTrue(calls.started.onInfo(nuisance, CallParty.CALLEE, "application/dtmf-relay",
                    "Signal=" + key + "\r\nDuration=160\r\n"), "key " + key + " is taken, not relayed");
        }

        assertEquals(1, records.size());
        assertEquals("keyed@core", records.get(0).callId());
    }

    @Test
    void otherKeysInTheCallArePassedOn() {
        calls.provision(line(V));
        CallSetup call = withCallId(call(M, V), "ivr@core");
        calls.answer(calls.relayed(call));

        assertFalse(calls.started.onInfo(call, CallParty.CALLEE, "application/dtmf-relay", "Signal=5\r\n"));
        assertFalse(calls.started.onInfo(call, CallParty.CALLER, "application/dtmf-relay", "Signal=*\r\n"),
                "the caller's keys are not the victim's");
        assertFalse(calls.started.onInfo(call, CallParty.CALLEE, "application/json", "{}"));
        assertTrue(records.isEmpty());
    }

    @Test
    void anotherCodeKeyedInTheCallFlagsNothing() {
        calls.provision(line(V));
        CallSetup call = withCallId(call(M, V), "c1");
        calls.answer(calls.relayed(call));

        for (String key : List.of("*", "4", "3", "#")) {
            calls.started.onInfo(call, CallParty.CALLEE, "application/dtmf", key);
        }

        assertTrue(records.isEmpty());
    }
}
