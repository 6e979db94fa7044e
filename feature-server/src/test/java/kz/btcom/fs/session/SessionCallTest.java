package kz.btcom.fs.session;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.testing.FakeCallControl;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call's session as the services see it: one object per call, the B2BUA's listener for it, where the services add
 * their listeners for its callee, its end, its INFO and its REFER, and keep their data about it until it ends.
 */
class SessionCallTest {

    private static final CallEnd ENDED = new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER,
            Optional.empty(), Optional.empty(), Instant.parse("2026-12-06T08:01:00Z"), List.of());
    private static final ReferRequest REFER = new ReferRequest("sip:+77272777103@core.btcom.kz", Optional.empty(),
            Optional.empty());
    private static final SessionKey<List<String>> NOTES = SessionKey.named("notes");

    private final CallSession session = CallSession.start(call("+77272777101", "+77272777102"));
    private final SessionCall call = session.firstCall();
    private final List<String> heard = new ArrayList<>();
    private final FakeScheduler scheduler = new FakeScheduler(FakeClock.at("2026-12-06T08:00:00Z"));

    @Test
    void aSessionHoldsTheCallThatStartedIt() {
        assertEquals(List.of(call), session.calls());
        assertSame(session, call.session());
        assertEquals("call-1@core", call.callId());
    }

    @Test
    void theEndIsHeardOnceByEveryListenerInTheOrderTheyWereAdded() {
        call.addEndListener(end -> heard.add("lines freed"));
        call.addEndListener(end -> heard.add("journaled " + end.status()));

        call.onEnded(ENDED);
        call.onEnded(ENDED);

        assertEquals(List.of("lines freed", "journaled 200"), heard);
        assertTrue(call.isEnded());
    }

    @Test
    void aListenerThatFailsDoesNotKeepTheOthersFromHearingTheEnd() {
        call.addEndListener(end -> {
            throw new IllegalStateException("a bug in a service");
        });
        call.addEndListener(end -> heard.add("journaled"));

        call.onEnded(ENDED);

        assertEquals(List.of("journaled"), heard);
    }

    @Test
    void whatAServiceKeepsAboutTheCallIsItsUntilTheCallEnds() {
        call.data(NOTES, ArrayList::new).add("offered to B");
        call.data(NOTES, ArrayList::new).add("answered");

        assertEquals(Optional.of(List.of("offered to B", "answered")), call.find(NOTES));
        assertEquals(Optional.empty(), CallSession.start(call("+1", "+2")).firstCall().find(NOTES),
                "another call keeps its own");

        call.onEnded(ENDED);
        assertEquals(Optional.empty(), call.find(NOTES), "gone with the call");
    }

    @Test
    void anInfoIsTakenByTheFirstListenerThatWantsItAndRelayedWhenNoneDoes() {
        assertFalse(call.onInfo(CallParty.CALLEE, "application/dtmf", "5"), "nobody listens: relayed");

        call.addInfoListener((from, type, body) -> {
            heard.add("first " + body);
            return body.equals("*");
        });
        call.addInfoListener((from, type, body) -> {
            heard.add("second " + body);
            return false;
        });

        assertTrue(call.onInfo(CallParty.CALLEE, "application/dtmf", "*"));
        assertFalse(call.onInfo(CallParty.CALLEE, "application/dtmf", "5"));
        assertEquals(List.of("first *", "first 5", "second 5"), heard);
    }

    @Test
    void aReferReachesTheServicesListenersAndIsRelayedUnlessOneRefusesIt() {
        assertSame(ReferDecision.RELAY, call.onRefer(CallParty.CALLER, REFER), "nobody listens: relayed");

        call.addReferListener((from, refer) -> {
            heard.add(from + " refers to " + refer.referTo());
            return ReferDecision.RELAY;
        });
        assertSame(ReferDecision.RELAY, call.onRefer(CallParty.CALLER, REFER));
        assertEquals(List.of("CALLER refers to sip:+77272777103@core.btcom.kz"), heard);

        call.addReferListener((from, refer) -> new ReferDecision.Refuse(403, "Forbidden"));
        assertEquals(new ReferDecision.Refuse(403, "Forbidden"), call.onRefer(CallParty.CALLEE, REFER));
    }

    @Test
    void calleeListenersHearEachLegAndItsCalleeBeforeTheLegsOwnWatcher() {
        call.addCalleeListener(recordingCallee("call"));
        OnwardLeg leg = call.watch(OnwardLeg.AS_DIALLED.withTarget("+77272777102")
                .withEvents(recordingWatcher("leg", Optional.empty())));
        FakeCallControl control = new FakeCallControl(scheduler);

        leg.events().onCalleeTried(control);
        leg.events().onRinging(control);
        leg.events().onAnswered(control);
        leg.events().onEnded();

        assertEquals(List.of("call: leg to +77272777102", "leg: tried", "call: ringing", "leg: ringing",
                "call: answered", "leg: answered", "leg: ended"), heard);
        assertEquals(Optional.of("+77272777102"), SessionCall.asTheServicesLeftIt(leg).targetNumber());
        assertFalse(SessionCall.asTheServicesLeftIt(leg).events() instanceof WatchedLeg,
                "as the services left it: their own watcher");
    }

    @Test
    void aLegTheWatcherPutsInPlaceOfAFailedOneIsWatchedToo() {
        call.addCalleeListener(recordingCallee("call"));
        OnwardLeg next = OnwardLeg.AS_DIALLED.withTarget("+77272777103");
        OnwardLeg leg = call.watch(OnwardLeg.AS_DIALLED.withEvents(recordingWatcher("leg", Optional.of(next))));
        FakeCallControl control = new FakeCallControl(scheduler);

        OnwardLeg replacement = leg.events().onCalleeFailed(486, control).orElseThrow();
        replacement.events().onRinging(control);

        assertEquals(Optional.of("+77272777103"), replacement.targetNumber());
        assertEquals(List.of("call: leg to as dialled", "leg: failed 486", "call: leg to +77272777103",
                "call: ringing"), heard);
    }

    @Test
    void aRedirectTheWatcherMakesOnItsOwnIsWatchedToo() {
        call.addCalleeListener(recordingCallee("call"));
        OnwardLeg next = OnwardLeg.AS_DIALLED.withTarget("+77272777103");
        OnwardLeg leg = call.watch(OnwardLeg.AS_DIALLED.withEvents(new CalleeEvents() {
            @Override
            public void onRinging(CallControl control) {
                control.schedule(Duration.ofSeconds(20), () -> control.redirect(next));
            }
        }));
        FakeCallControl control = new FakeCallControl(scheduler);

        leg.events().onRinging(control);
        scheduler.advance(Duration.ofSeconds(20));
        control.redirects.get(0).events().onAnswered(control);

        assertEquals(List.of("call: leg to as dialled", "call: ringing", "call: leg to +77272777103",
                "call: answered"), heard);
    }

    @Test
    void theCallsListenersAreGoneWithIt() {
        call.addCalleeListener(recordingCallee("call"));
        call.addInfoListener((from, type, body) -> true);
        OnwardLeg leg = call.watch(OnwardLeg.AS_DIALLED);
        heard.clear();

        call.onEnded(ENDED);
        leg.events().onAnswered(new FakeCallControl(scheduler));

        assertEquals(List.of(), heard);
        assertFalse(call.onInfo(CallParty.CALLEE, "application/dtmf", "*"));
        assertInstanceOf(ReferDecision.Relay.class, call.onRefer(CallParty.CALLER, REFER));
    }

    private CalleeListener recordingCallee(String who) {
        return new CalleeListener() {
            @Override
            public void onLeg(OnwardLeg leg) {
                heard.add(who + ": leg to " + leg.targetNumber().orElse("as dialled"));
            }

            @Override
            public void onRinging() {
                heard.add(who + ": ringing");
            }

            @Override
            public void onAnswered() {
                heard.add(who + ": answered");
            }
        };
    }

    private CalleeEvents recordingWatcher(String who, Optional<OnwardLeg> onFailure) {
        return new CalleeEvents() {
            @Override
            public void onCalleeTried(CallControl control) {
                heard.add(who + ": tried");
            }

            @Override
            public void onRinging(CallControl control) {
                heard.add(who + ": ringing");
            }

            @Override
            public void onAnswered(CallControl control) {
                heard.add(who + ": answered");
            }

            @Override
            public Optional<OnwardLeg> onCalleeFailed(int status, CallControl control) {
                heard.add(who + ": failed " + status);
                return onFailure;
            }

            @Override
            public void onEnded() {
                heard.add(who + ": ended");
            }
        };
    }
}
