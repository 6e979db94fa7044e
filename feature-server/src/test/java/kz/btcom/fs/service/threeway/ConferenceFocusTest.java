package kz.btcom.fs.service.threeway;

import kz.btcom.fs.billing.JournalEvent.ConferenceEvent;
import kz.btcom.fs.billing.JournalEvent.ConferenceStep;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.DialogReference;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCallEvents;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferProgress;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.session.CallSession;
import kz.btcom.fs.session.SessionCall;
import kz.btcom.fs.sessioncase.ServedSubscribers;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.testing.CallSetups;
import kz.btcom.fs.testing.RecordingCallEvents;
import kz.btcom.fs.testing.TestSubscribers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three-way calling as the services decide it (TS 24.605, RFC 4579): who may create a conference at the factory URI,
 * how the controller's REFERs bring its parties in (moved when their call runs here, called otherwise), that a
 * conference holds three, and what the journal keeps of it. The SIP side (re-INVITE, NOTIFY) has its own tests in
 * the adapter; the audio its own in the media package.
 */
class ConferenceFocusTest {

    private static final String A = "+77272111111";
    private static final String B = "+77272222222";
    private static final String C = "+77272333333";
    private static final String D = "+77272444444";
    private static final String NO_THREE_WAY = "+77272555555";
    private static final String SUSPENDED = "+77272666666";

    private final RecordingCallEvents journal = new RecordingCallEvents();
    private final Rooms rooms = new Rooms();
    private final Mover mover = new Mover();
    private final Placer placer = new Placer();
    private final Conferences conferences = new Conferences(rooms, journal,
            Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC), mover, placer);
    private final ConferenceFocus focus = new ConferenceFocus(
            new FocusAddresses("conference", Set.of("127.0.0.1", "btcom.kz")), conferences, profiles(),
            NumberingPlan.builtIn());

    @Test
    void aSubscriberWithThreeWayCallingCreatesAConferenceAtTheFactoryUri() {
        CallDecision decision = callFactory(A).decision;

        CallDecision.Answer answer = assertInstanceOf(CallDecision.Answer.class, decision);
        assertTrue(answer.focus().orElseThrow().startsWith("conf-"), answer.focus().toString());
        assertEquals(1, conferences.inProgress());
    }

    @Test
    void aLineWithoutThreeWayCallingOrSuspendedOrUnknownGets403AndNoConference() {
        assertEquals(403, ((CallDecision.Reject) callFactory(NO_THREE_WAY).decision).statusCode());
        assertEquals(403, ((CallDecision.Reject) callFactory(SUSPENDED).decision).statusCode());
        assertEquals(403, ((CallDecision.Reject) callFactory("+77010000000").decision).statusCode());
        assertEquals(0, conferences.inProgress());
        assertEquals(List.of(), rooms.opened);
    }

    @Test
    void theFactoryUriOnAnotherHostIsNotTheFocus() {
        SessionCall call = CallSession.start(CallSetups.call(CallSetups.tel(A),
                sip("conference", "elsewhere.example"), Optional.empty())).firstCall();

        assertTrue(focus.decide(call).isEmpty());
    }

    @Test
    void theControllersRefersMoveItsTwoPartiesInAndTheJournalFollows() {
        Focus conference = callFactory(A);
        conference.controllerIn();

        ReferProgressLog toB = conference.refer("sip:" + B + "@127.0.0.1;user=phone", "call-ab;to-tag=x;from-tag=y");
        Move moveB = mover.moves.get(0);
        assertEquals(new DialogReference("call-ab", "x", "y"), moveB.named);
        moveB.moved();
        ReferProgressLog toC = conference.refer("sip:" + C + "@127.0.0.1;user=phone", "call-ac;to-tag=p;from-tag=q");
        mover.moves.get(1).moved();

        assertEquals(List.of(200), toB.statuses);
        assertEquals(List.of(200), toC.statuses);
        assertEquals(List.of(ConferenceStep.CREATED, ConferenceStep.PARTY_JOINED, ConferenceStep.PARTY_JOINED),
                steps());
        assertEquals(List.of(A, B, C), journal.of(ConferenceEvent.class).stream().map(ConferenceEvent::party).toList());
    }

    @Test
    void onlyTheControllersOwnCallsMayBeTakenIn() {
        Focus conference = callFactory(A);
        conference.controllerIn();

        conference.refer("sip:" + B + "@127.0.0.1", "call-ab;to-tag=x;from-tag=y");

        java.util.function.Predicate<SipIdentity> mayMove = mover.moves.get(0).mayMove;
        assertTrue(mayMove.test(CallSetups.tel(A)), "the controller, in E.164");
        assertTrue(mayMove.test(sip("77272111111", "127.0.0.1")), "the controller as dialled");
        assertFalse(mayMove.test(CallSetups.tel(C)), "C cannot have the controller take in C's calls");
    }

    @Test
    void aFourthPartyIsRefusedWith403InTheNotify() {
        Focus conference = callFactory(A);
        conference.controllerIn();
        conference.refer("sip:" + B + "@127.0.0.1", "call-ab;to-tag=x;from-tag=y");
        conference.refer("sip:" + C + "@127.0.0.1", "call-ac;to-tag=x;from-tag=y");

        ReferProgressLog toD = conference.refer("sip:" + D + "@127.0.0.1", "call-ad;to-tag=x;from-tag=y");

        assertEquals(List.of(403), toD.statuses);
        assertEquals(2, mover.moves.size());
    }

    @Test
    void aMoveThatFailsGivesItsSeatBackAndTheNotifySaysWhy() {
        Focus conference = callFactory(A);
        conference.controllerIn();
        ReferProgressLog toB = conference.refer("sip:" + B + "@127.0.0.1", "call-ab;to-tag=x;from-tag=y");

        mover.moves.get(0).failed(488);

        assertEquals(List.of(488), toB.statuses);
        conference.refer("sip:" + C + "@127.0.0.1", "call-ac;to-tag=x;from-tag=y");
        conference.refer("sip:" + D + "@127.0.0.1", "call-ad;to-tag=x;from-tag=y");
        assertEquals(3, mover.moves.size(), "the failed party's seat was free again");
    }

    @Test
    void whenAPartyLeavesTheOthersStayAndWhenTheControllerLeavesTheRestAreHungUp() {
        Focus conference = callFactory(A);
        conference.controllerIn();
        conference.refer("sip:" + B + "@127.0.0.1", "call-ab;to-tag=x;from-tag=y");
        conference.refer("sip:" + C + "@127.0.0.1", "call-ac;to-tag=x;from-tag=y");
        Move b = mover.moves.get(0).moved();
        Move c = mover.moves.get(1).moved();

        b.seat.close(); // B hung up
        assertEquals(0, b.hangUps + c.hangUps);
        conference.controller().close(); // A hung up

        assertEquals(1, c.hangUps, "C is released");
        assertEquals(0, b.hangUps, "B was gone already");
        assertTrue(rooms.closed.contains(conference.id()));
        assertEquals(0, conferences.inProgress());
        assertEquals(List.of(ConferenceStep.CREATED, ConferenceStep.PARTY_JOINED, ConferenceStep.PARTY_JOINED,
                ConferenceStep.PARTY_LEFT, ConferenceStep.PARTY_LEFT, ConferenceStep.ENDED), steps());
        assertEquals(List.of(A, B, C, B, C, A),
                journal.of(ConferenceEvent.class).stream().map(ConferenceEvent::party).toList());
        c.seat.close(); // C's call ends after the hang-up: it left with the conference already
        assertEquals(6, steps().size());
        ConferenceEvent ended = journal.of(ConferenceEvent.class).get(5);
        assertTrue(ended.chargeable(), "two parties joined: three-way calling was used");
        assertEquals(A, ended.controller());
    }

    @Test
    void aConferenceThatNeverHadThreeIsNotCharged() {
        Focus conference = callFactory(A);
        conference.controllerIn();
        conference.refer("sip:" + B + "@127.0.0.1", "call-ab;to-tag=x;from-tag=y");
        mover.moves.get(0).moved();

        conference.controller().close();

        List<ConferenceEvent> events = journal.of(ConferenceEvent.class);
        assertEquals(ConferenceStep.ENDED, events.get(events.size() - 1).step());
        assertFalse(events.get(events.size() - 1).chargeable());
    }

    @Test
    void aPartyNotInACallHereIsCalledFromTheControllersNumberWithTheReplaces() {
        mover.knowsNoCall = true;
        Focus conference = callFactory(A);
        conference.controllerIn();

        ReferProgressLog toB = conference.refer("sip:" + B + "@127.0.0.1", "elsewhere;to-tag=x;from-tag=y");

        OutgoingCall placed = placer.calls.get(0);
        assertEquals(B, placed.targetNumber());
        assertEquals(A, placed.callerNumber());
        assertEquals("elsewhere;to-tag=x;from-tag=y", placed.extraHeaders().get("Replaces"));
        kz.btcom.fs.call.PlacedCall call = placer.call("placed-1@fs");
        placer.events.get(0).onPlaced(call);
        placer.events.get(0).onAnswered(call);
        assertEquals(List.of(200), toB.statuses);
        assertEquals("placed-1@fs", journal.of(kz.btcom.fs.billing.JournalEvent.CallAttempt.class).get(0).callId(),
                "journaled as every call the server places");
    }

    @Test
    void aPartyMayJoinByCallingTheConferenceUriWhileThereIsASeat() {
        Focus conference = callFactory(A);
        conference.controllerIn();

        CallDecision first = callConference(B, conference.id());
        CallDecision second = callConference(C, conference.id());
        CallDecision third = callConference(D, conference.id());

        assertEquals(Optional.of(conference.id()), ((CallDecision.Answer) first).focus());
        assertInstanceOf(CallDecision.Answer.class, second);
        assertEquals(486, ((CallDecision.Reject) third).statusCode());
        assertEquals(404, ((CallDecision.Reject) callConference(D, "conf-0000")).statusCode());
    }

    @Test
    void aReferAfterTheConferenceEndedFails() {
        Focus conference = callFactory(A);
        conference.controllerIn();
        conference.controller().close();

        assertEquals(List.of(481), conference.refer("sip:" + B + "@127.0.0.1", "x;to-tag=1;from-tag=2").statuses);
    }

    // ------------------------------------------------------------------------------------------------ the set-up

    private List<ConferenceStep> steps() {
        return journal.of(ConferenceEvent.class).stream().map(ConferenceEvent::step).toList();
    }

    private Focus callFactory(String caller) {
        SessionCall call = CallSession.start(CallSetups.call(CallSetups.tel(caller),
                sip("conference", "127.0.0.1"), Optional.empty())).firstCall();
        return new Focus(call, focus.decide(call).orElseThrow());
    }

    private CallDecision callConference(String caller, String id) {
        SessionCall call = CallSession.start(CallSetups.call(CallSetups.tel(caller), sip(id, "127.0.0.1"),
                Optional.empty())).firstCall();
        return focus.decide(call).orElseThrow();
    }

    private static SipIdentity sip(String user, String host) {
        return new SipIdentity("sip:" + user + "@" + host, user, host, "", SipIdentity.Kind.SIP, "");
    }

    private static ServedSubscribers profiles() {
        return user -> switch (user.user()) {
            case A, B, C, D -> Optional.of(TestSubscribers.full(user.user()));
            case NO_THREE_WAY -> Optional.of(TestSubscribers.plain(user.user()));
            case SUSPENDED -> Optional.of(TestSubscribers.full(user.user()).withStatus(LineStatus.SUSPENDED));
            default -> Optional.<Subscriber>empty();
        };
    }

    /** The controller's call to the focus, as the adapter would drive it. */
    private record Focus(SessionCall call, CallDecision decision) {

        String id() {
            return ((CallDecision.Answer) decision).focus().orElseThrow();
        }

        LocalMedia controller() {
            return ((CallDecision.Answer) decision).media();
        }

        void controllerIn() {
            controller().sdpAnswer("");
            controller().start(() -> { });
        }

        ReferProgressLog refer(String referTo, String replaces) {
            ReferProgressLog log = new ReferProgressLog();
            ReferDecision decision = call.onRefer(CallParty.CALLER,
                    new ReferRequest(referTo, Optional.empty(), Optional.of(replaces)));
            assertInstanceOf(ReferDecision.Accept.class, decision).taker().accept(log);
            return log;
        }
    }

    private static final class ReferProgressLog implements ReferProgress {
        final List<Integer> statuses = new ArrayList<>();

        @Override
        public void report(int status, String reason) {
            statuses.add(status);
        }
    }

    private static final class Rooms implements ConferenceAudio {
        final List<String> opened = new ArrayList<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public Room open(String conferenceId) {
            opened.add(conferenceId);
            return new Room() {
                @Override
                public LocalMedia join(String callId) {
                    return new LocalMedia() {
                        @Override
                        public String sdpAnswer(String sdpOffer) {
                            return "v=0";
                        }

                        @Override
                        public void start(Runnable hangUp) {
                        }

                        @Override
                        public void close() {
                        }
                    };
                }

                @Override
                public void close() {
                    closed.add(conferenceId);
                }
            };
        }
    }

    /** A move the adapter would make: the test says how it went, as the party's lane would. */
    private static final class Move {
        final DialogReference named;
        final LocalMedia seat;
        final CallMover.MoveEvents events;
        java.util.function.Predicate<SipIdentity> mayMove;
        int hangUps;

        Move(DialogReference named, LocalMedia seat, CallMover.MoveEvents events) {
            this.named = named;
            this.seat = seat;
            this.events = events;
        }

        Move moved() {
            seat.sdpAnswer("");
            seat.remoteAnswer("v=0");
            seat.start(() -> hangUps++);
            events.onMoved();
            return this;
        }

        void failed(int status) {
            seat.close();
            events.onFailed(status);
        }
    }

    private static final class Mover implements CallMover {
        final List<Move> moves = new ArrayList<>();
        boolean knowsNoCall;

        @Override
        public boolean move(DialogReference named, java.util.function.Predicate<SipIdentity> namedParty,
                            LocalMedia media, MoveEvents events) {
            if (knowsNoCall) {
                return false;
            }
            Move move = new Move(named, media, events);
            move.mayMove = namedParty;
            moves.add(move);
            return true;
        }
    }

    private static final class Placer implements CallPlacer {
        final List<OutgoingCall> calls = new ArrayList<>();
        final List<PlacedCallEvents> events = new ArrayList<>();

        @Override
        public kz.btcom.fs.call.PlacedCall place(OutgoingCall call, PlacedCallEvents events) {
            calls.add(call);
            this.events.add(events);
            return call(call.targetNumber());
        }

        kz.btcom.fs.call.PlacedCall call(String callId) {
            return new kz.btcom.fs.call.PlacedCall() {
                @Override
                public String callId() {
                    return callId;
                }

                @Override
                public String icid() {
                    return "icid-" + callId;
                }

                @Override
                public void cancel() {
                }

                @Override
                public void hangUp() {
                }
            };
        }
    }

}
