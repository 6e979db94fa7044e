package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.sessioncase.DialledNumbers;
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
class ServiceChainCallHandlerTest {

    private static final String ALMATY = "+77272777888";
    private static final String ASTANA = "+77172555111";
    private static final String ELSEWHERE = "+74951234567";
    private static final DialledNumbers DIALLED = new DialledNumbers(NumberingPlan.builtIn());

    private final List<String> log = new ArrayList<>();
    private final ServedSubscribers resolver = served(ALMATY, ASTANA);

    private ServiceChainCallHandler handler(List<CallService> originating, List<CallService> terminating) {
        return new ServiceChainCallHandler(resolver, ServiceChains.of(originating, terminating), DIALLED);
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
            ServiceChainCallHandler handler = new ServiceChainCallHandler(resolver,
                    ServiceOrder.chains(services.environment), DIALLED);

            OnwardLeg leg = assertInstanceOf(CallDecision.Relay.class,
                    handler.onNewCall(call(ALMATY, ASTANA)).decision()).leg();
            // Its events only keep the callee's line marked busy while the call lasts.
            assertEquals(OnwardLeg.AS_DIALLED.withPresentation(Presentation.ANONYMOUS),
                    leg.withEvents(CalleeEvents.NONE), "the callee has no CLIP");
            assertSame(CallDecision.Relay.AS_DIALLED, handler.onNewCall(routeOrig(ALMATY, ASTANA)).decision(),
                    "the caller's side alone changes nothing");
        }
    }

    @Test
    void whenNobodyIsServedNoServiceRunsAndTheCallIsRelayed() {
        ServiceChainCallHandler handler = new ServiceChainCallHandler(ServedSubscribers.NOBODY,
                ServiceChains.of(List.of(deciding("barring", ServiceOutcome.reject(603, "Decline"))), List.of()),
                DIALLED);

        assertSame(CallDecision.Relay.AS_DIALLED, handler.onNewCall(call(ALMATY, ASTANA)).decision());
        assertEquals(List.of(), log);
    }

    @Test
    void theCallersOriginatingChainRunsBeforeTheCalleesTerminatingChain() {
        ServiceChainCallHandler handler = handler(List.of(continuing("barring")), List.of(continuing("forwarding")));

        assertSame(CallDecision.Relay.AS_DIALLED, handler.onNewCall(call(ALMATY, ASTANA)).decision());
        assertEquals(List.of("barring for " + ALMATY, "forwarding for " + ASTANA), log);
    }

    @Test
    void aFinalOriginatingOutcomeMeansTheTerminatingChainDoesNotRun() {
        ServiceChainCallHandler handler = handler(
                List.of(deciding("barring", ServiceOutcome.reject(603, "Decline"))),
                List.of(continuing("forwarding")));

        assertEquals(CallDecision.reject(603, "Decline"), handler.onNewCall(call(ALMATY, ASTANA)).decision());
        assertEquals(List.of("barring for " + ALMATY), log);
    }

    @Test
    void onlyTheCalleesTerminatingChainRunsForACallFromOutside() {
        OnwardLeg forwarded = OnwardLeg.AS_DIALLED.withTarget("+77272000000");
        ServiceChainCallHandler handler = handler(List.of(continuing("barring")),
                List.of(deciding("forwarding", ServiceOutcome.proceed(forwarded))));

        assertEquals(CallDecision.relay(forwarded), handler.onNewCall(call(ELSEWHERE, ASTANA)).decision());
        assertEquals(List.of("forwarding for " + ASTANA), log);
    }

    @Test
    void theLegOneServiceLeavesIsTheLegTheNextOneSeesAndTheLastOneSends() {
        List<OnwardLeg> seen = new ArrayList<>();
        ServiceChainCallHandler handler = handler(
                List.of(call -> ServiceOutcome.proceed(call.leg().withPresentation(Presentation.WITHHELD_IN_NETWORK))),
                List.of(call -> {
                    seen.add(call.leg());
                    return ServiceOutcome.proceed(call.leg().withTarget("+77272000000"));
                }));

        CallDecision decision = handler.onNewCall(call(ALMATY, ASTANA)).decision();

        assertEquals(Presentation.WITHHELD_IN_NETWORK, seen.get(0).presentation());
        assertEquals(CallDecision.relay(OnwardLeg.AS_DIALLED.withPresentation(Presentation.WITHHELD_IN_NETWORK)
                .withTarget("+77272000000")), decision);
    }

    @Test
    void anExplicitSessionCaseRunsOnlyThatChainForTheUserTheCoreNamed() {
        ServiceChainCallHandler handler = handler(List.of(continuing("barring")), List.of(continuing("forwarding")));

        handler.onNewCall(pServedUser(ELSEWHERE, ALMATY, SessionCase.TERMINATING, ASTANA));

        assertEquals(List.of("forwarding for " + ASTANA), log);
    }

    @Test
    void routeOrigRunsOnlyTheOriginatingChain() {
        ServiceChainCallHandler handler = handler(List.of(continuing("barring")), List.of(continuing("forwarding")));

        handler.onNewCall(routeOrig(ALMATY, ASTANA));

        assertEquals(List.of("barring for " + ALMATY), log);
    }

    @Test
    void eachOutcomeBecomesTheMatchingDecision() {
        LocalMedia tone = new SilentMedia();

        assertSame(CallDecision.Relay.AS_DIALLED,
                ServiceChainCallHandler.toDecision(ServiceOutcome.proceed(OnwardLeg.AS_DIALLED)));
        assertEquals(new CallDecision.Reject(486, "Busy Here"),
                ServiceChainCallHandler.toDecision(ServiceOutcome.reject(486, "Busy Here")));
        OnwardLeg retargeted = OnwardLeg.AS_DIALLED.withTarget("+77272000000");
        assertEquals(new CallDecision.Relay(retargeted),
                ServiceChainCallHandler.toDecision(ServiceOutcome.proceed(retargeted)));
        assertEquals(new CallDecision.Answer(tone), ServiceChainCallHandler.toDecision(ServiceOutcome.answer(tone)));
    }

    @Test
    void aServiceSeesTheCallItsCaseAndItsServedUser() {
        List<CallContext> seen = new ArrayList<>();
        ServiceChainCallHandler handler = handler(List.of(), List.of(call -> {
            seen.add(call);
            return call.proceed();
        }));

        handler.onNewCall(call(ELSEWHERE, ASTANA));

        assertEquals(SessionCase.TERMINATING, seen.get(0).sessionCase());
        assertEquals(ASTANA, seen.get(0).servedUser().user());
        assertEquals("call-1@core", seen.get(0).callId());
    }

    /** A feature code's confirmation, as far as these tests care. */
    private static final class SilentMedia implements LocalMedia {
        @Override public String sdpAnswer(String sdpOffer) { return ""; }
        @Override public void start(Runnable hangUp) { hangUp.run(); }
        @Override public void close() { }
    }
}
