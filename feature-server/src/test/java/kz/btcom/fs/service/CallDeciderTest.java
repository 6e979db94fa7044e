package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.wiring.ServiceOrder;
import kz.btcom.fs.session.CallSession;
import kz.btcom.fs.session.SessionCall;
import kz.btcom.fs.sessioncase.DialledNumbers;
import kz.btcom.fs.sessioncase.ServedCase;
import kz.btcom.fs.sessioncase.ServedSubscribers;
import kz.btcom.fs.testing.TestServiceEnvironment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.pServedUser;
import static kz.btcom.fs.testing.CallSetups.routeOrig;
import static kz.btcom.fs.testing.TestSubscribers.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What the B2BUA is told to do with a new call, from the services of whoever is served. */
class CallDeciderTest {

    private static final String ALMATY = "+77272777888";
    private static final String ASTANA = "+77172555111";
    private static final String ELSEWHERE = "+74951234567";
    private static final DialledNumbers DIALLED = new DialledNumbers(NumberingPlan.builtIn());

    private final List<String> log = new ArrayList<>();
    private final ServedSubscribers resolver = served(ALMATY, ASTANA);

    private CallDecider decider(List<CallService> originating, List<CallService> terminating) {
        return new CallDecider(resolver, ServiceChains.of(originating, terminating), DIALLED);
    }

    private CallService continuing(String name) {
        return RecordingService.continuing(name, log);
    }

    private CallService deciding(String name, ServiceOutcome outcome) {
        return new RecordingService(name, outcome, log);
    }

    @Test
    void withTheShippedServicesACallBetweenLinesWithNothingSubscribedGoesAsDialledWithoutTheCallersNumber() {
        try (TestServiceEnvironment services = new TestServiceEnvironment()) {
            CallDecider decider = new CallDecider(resolver,
                    ServiceOrder.chains(services.environment), DIALLED);

            OnwardLeg leg = assertInstanceOf(CallDecision.Relay.class,
                    decide(decider, call(ALMATY, ASTANA))).leg();
            // Its events only keep the callee's line marked busy while the call lasts.
            assertEquals(OnwardLeg.AS_DIALLED.withPresentation(Presentation.ANONYMOUS),
                    leg.withEvents(CalleeEvents.NONE), "the callee has no CLIP");
            assertSame(CallDecision.Relay.AS_DIALLED, decide(decider, routeOrig(ALMATY, ASTANA)),
                    "the caller's side alone changes nothing");
        }
    }

    @Test
    void whenNobodyIsServedNoServiceRunsAndTheCallIsRelayed() {
        CallDecider decider = new CallDecider(ServedSubscribers.NOBODY,
                ServiceChains.of(List.of(deciding("barring", ServiceOutcome.reject(603, "Decline"))), List.of()),
                DIALLED);

        assertSame(CallDecision.Relay.AS_DIALLED, decide(decider, call(ALMATY, ASTANA)));
        assertEquals(List.of(), log);
    }

    @Test
    void theCallersOriginatingChainRunsBeforeTheCalleesTerminatingChain() {
        CallDecider decider = decider(List.of(continuing("barring")), List.of(continuing("forwarding")));

        assertSame(CallDecision.Relay.AS_DIALLED, decide(decider, call(ALMATY, ASTANA)));
        assertEquals(List.of("barring for " + ALMATY, "forwarding for " + ASTANA), log);
    }

    @Test
    void aFinalOriginatingOutcomeMeansTheTerminatingChainDoesNotRun() {
        CallDecider decider = decider(
                List.of(deciding("barring", ServiceOutcome.reject(603, "Decline"))),
                List.of(continuing("forwarding")));

        assertEquals(CallDecision.reject(603, "Decline"), decide(decider, call(ALMATY, ASTANA)));
        assertEquals(List.of("barring for " + ALMATY), log);
    }

    @Test
    void onlyTheCalleesTerminatingChainRunsForACallFromOutside() {
        OnwardLeg forwarded = OnwardLeg.AS_DIALLED.withTarget("+77272000000");
        CallDecider decider = decider(List.of(continuing("barring")),
                List.of(deciding("forwarding", ServiceOutcome.proceed(forwarded))));

        assertEquals(CallDecision.relay(forwarded), decide(decider, call(ELSEWHERE, ASTANA)));
        assertEquals(List.of("forwarding for " + ASTANA), log);
    }

    @Test
    void theLegOneServiceLeavesIsTheLegTheNextOneSeesAndTheLastOneSends() {
        List<OnwardLeg> seen = new ArrayList<>();
        CallDecider decider = decider(
                List.of(call -> ServiceOutcome.proceed(call.leg().withPresentation(Presentation.WITHHELD_IN_NETWORK))),
                List.of(call -> {
                    seen.add(call.leg());
                    return ServiceOutcome.proceed(call.leg().withTarget("+77272000000"));
                }));

        CallDecision decision = decide(decider, call(ALMATY, ASTANA));

        assertEquals(Presentation.WITHHELD_IN_NETWORK, seen.get(0).presentation());
        assertEquals(CallDecision.relay(OnwardLeg.AS_DIALLED.withPresentation(Presentation.WITHHELD_IN_NETWORK)
                .withTarget("+77272000000")), decision);
    }

    @Test
    void anExplicitSessionCaseRunsOnlyThatChainForTheUserTheCoreNamed() {
        CallDecider decider = decider(List.of(continuing("barring")), List.of(continuing("forwarding")));

        decide(decider, pServedUser(ELSEWHERE, ALMATY, SessionCase.TERMINATING, ASTANA));

        assertEquals(List.of("forwarding for " + ASTANA), log);
    }

    @Test
    void routeOrigRunsOnlyTheOriginatingChain() {
        CallDecider decider = decider(List.of(continuing("barring")), List.of(continuing("forwarding")));

        decide(decider, routeOrig(ALMATY, ASTANA));

        assertEquals(List.of("barring for " + ALMATY), log);
    }

    @Test
    void eachOutcomeBecomesTheMatchingDecision() {
        LocalMedia tone = new SilentMedia();

        assertSame(CallDecision.Relay.AS_DIALLED,
                CallDecider.toDecision(ServiceOutcome.proceed(OnwardLeg.AS_DIALLED)));
        assertEquals(new CallDecision.Reject(486, "Busy Here"),
                CallDecider.toDecision(ServiceOutcome.reject(486, "Busy Here")));
        OnwardLeg retargeted = OnwardLeg.AS_DIALLED.withTarget("+77272000000");
        assertEquals(new CallDecision.Relay(retargeted),
                CallDecider.toDecision(ServiceOutcome.proceed(retargeted)));
        assertEquals(new CallDecision.Answer(tone), CallDecider.toDecision(ServiceOutcome.answer(tone)));
    }

    @Test
    void aServiceSeesTheCallItsCaseAndItsServedUser() {
        List<CallContext> seen = new ArrayList<>();
        CallDecider decider = decider(List.of(), List.of(call -> {
            seen.add(call);
            return call.proceed();
        }));

        decide(decider, call(ELSEWHERE, ASTANA));

        assertEquals(SessionCase.TERMINATING, seen.get(0).sessionCase());
        assertEquals(ASTANA, seen.get(0).servedUser().user());
        assertEquals("call-1@core", seen.get(0).callId());
    }

    @Test
    void theCasesServedAreNotedOnTheCall() {
        CallDecider decider = decider(List.of(continuing("barring")), List.of(continuing("forwarding")));
        SessionCall call = CallSession.start(call(ALMATY, ASTANA)).firstCall();

        decider.decide(call);

        assertEquals(List.of(SessionCase.ORIGINATING, SessionCase.TERMINATING),
                call.servedCases().stream().map(ServedCase::sessionCase).toList());
    }

    /** What the services decide for a new call in a session of its own. */
    private static CallDecision decide(CallDecider decider, CallSetup setup) {
        return decider.decide(CallSession.start(setup).firstCall());
    }

    /** A feature code's confirmation, as far as these tests care. */
    private static final class SilentMedia implements LocalMedia {
        @Override public String sdpAnswer(String sdpOffer) { return ""; }
        @Override public void start(Runnable hangUp) { hangUp.run(); }
        @Override public void close() { }
    }
}
