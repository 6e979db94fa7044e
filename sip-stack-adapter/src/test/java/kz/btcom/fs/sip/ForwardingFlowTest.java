package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.ScriptedEvents;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.TIMED_OUT;
import static kz.btcom.fs.call.CallOutcome.UNANSWERED;
import static kz.btcom.fs.call.DiversionReason.BUSY;
import static kz.btcom.fs.call.DiversionReason.NOT_REACHABLE;
import static kz.btcom.fs.call.DiversionReason.UNCONDITIONAL;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call forwarding (TS 24.604) through the B2BUA: CFU when the call is set up, CFB, CFNR and CFNRc through the
 * callee's events and {@link kz.btcom.fs.call.CallControl}. The caller hears 181 and then the new callee, never
 * the first callee's failure.
 */
class ForwardingFlowTest {

    /** The number the caller dialled (CALLEE_URI's). */
    static final String CALLEE = "+77272777888";
    static final String TARGET = "+77172555123";
    static final String SECOND_TARGET = "+77272777000";
    /** A forwarded number as the B2BUA writes it: the core's host, user=phone. */
    static final String CORE_HOST = "127.0.0.1";

    private RunningB2bua b2bua;

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    // ---------------------------------------------------------------- CFU

    @Test
    void cfuAtSetUpCallsTheNewNumberWithHistoryInfoAndDiversionAndTheCallerHears181First() {
        ScriptedEvents events = new ScriptedEvents("cfu leg");
        b2bua.handler.relay(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, UNCONDITIONAL)), events));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(numberUri(TARGET), onward.requestUri());
        assertEquals(numberUri(TARGET), SipMessage.uriOf(onward.header("To")));
        assertEquals(List.of("<" + CALLEE_URI + ">;index=1, <" + numberUri(TARGET) + ";cause=302>;index=1.1;mp=1"),
                onward.headers("History-Info"));
        assertEquals(List.of("<" + numberUri(CALLEE) + ">;reason=unconditional;counter=1"),
                onward.headers("Diversion"));

        SipMessage forwarded = firstProvisional();
        assertEquals(181, forwarded.status(), "the caller first hears that its call is forwarded");
        assertEquals("Call Is Being Forwarded", forwarded.reason());
        b2bua.core.reply(onward, 180);
        SipMessage ringing = b2bua.caller.expectResponse(180);
        assertEquals(forwarded.toTag(), ringing.toTag(), "181 and 180 belong to the caller's one dialog");

        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.metrics.awaitOutcomes(ANSWERED);
        assertEquals(List.of("tried", "ringing", "answered", "ended"), events.events());
        assertTrue(events.threads().stream().allMatch(t -> t.startsWith("call-lane-")), events.threads().toString());
    }

    @Test
    void whatTheCoreDivertedBeforeUsIsKeptAndOursFollows() {
        b2bua.handler.relay(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, UNCONDITIONAL)), CalleeEvents.NONE));
        String earlier = "<sip:+77272999111@ims.btcom.kz;user=phone>;index=1, "
                + "<sip:+77272777888@fs.btcom.kz;user=phone;cause=486>;index=1.1;mp=1";
        b2bua.caller.invite(CALLEE_URI).header("History-Info", earlier)
                .header("Diversion", "<sip:+77272999111@ims.btcom.kz;user=phone>;reason=user-busy;counter=1")
                .sdp(Sdp.OFFER).send();

        SipMessage onward = b2bua.core.expectRequest("INVITE");
        assertEquals(List.of(earlier, "<" + numberUri(TARGET) + ";cause=302>;index=1.1.1;mp=1.1"),
                onward.headers("History-Info"), "the core's last entry is the Request-URI we got: ours hang under it");
        assertEquals(List.of("<" + numberUri(CALLEE) + ">;reason=unconditional;counter=1",
                        "<sip:+77272999111@ims.btcom.kz;user=phone>;reason=user-busy;counter=1"),
                onward.headers("Diversion"), "most recent first (RFC 5806)");
        rejectAndFinish(onward, 480);
    }

    // ---------------------------------------------------------------- CFB

    @Test
    void cfbTheCalleesBusyGoesToTheServiceWhichRedirectsAndTheCallerNeverHearsIt() {
        ScriptedEvents second = new ScriptedEvents("cfb leg");
        ScriptedEvents first = new ScriptedEvents("callee leg")
                .redirectOnFailure(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, BUSY)), second));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(first));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        SipMessage busyLeg = b2bua.core.expectRequest("INVITE");
        assertEquals(CALLEE_URI, busyLeg.requestUri());
        assertTrue(busyLeg.headers("History-Info").isEmpty(), "not diverted yet");
        b2bua.core.reply(busyLeg, 486);
        b2bua.core.expectRequest("ACK");

        SipMessage onward = inviteTo(TARGET);
        assertNotEquals(busyLeg.callId(), onward.callId(), "a new dialog towards the core");
        assertEquals(List.of("<" + CALLEE_URI + ">;index=1, <" + numberUri(TARGET) + ";cause=486>;index=1.1;mp=1"),
                onward.headers("History-Info"));
        assertEquals(List.of("<" + numberUri(CALLEE) + ">;reason=user-busy;counter=1"), onward.headers("Diversion"));
        assertEquals(Sdp.OFFER, onward.body(), "the caller's original offer");
        assertEquals(181, firstProvisional().status());

        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.metrics.awaitOutcomes(ANSWERED);
        b2bua.caller.assertNothingReceived(m -> m.status() == 486, "the first callee's busy");
        assertEquals(List.of("tried", "failed 486", "ended"), first.events());
        assertEquals(List.of("tried", "answered", "ended"), second.events());
    }

    @Test
    void aSecondDiversionContinuesTheHistoryAndThe181IsNotRepeated() {
        OnwardLeg cfb = forwarded(SECOND_TARGET, List.of(diversion(CALLEE, TARGET, UNCONDITIONAL),
                diversion(TARGET, SECOND_TARGET, BUSY)), CalleeEvents.NONE);
        b2bua.handler.relay(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, UNCONDITIONAL)),
                new ScriptedEvents("cfu leg").redirectOnFailure(cfb)));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        b2bua.core.reply(inviteTo(TARGET), 486);
        SipMessage onward = inviteTo(SECOND_TARGET);
        assertEquals(List.of("<" + CALLEE_URI + ">;index=1, "
                        + "<" + numberUri(TARGET) + ";cause=302>;index=1.1;mp=1, "
                        + "<" + numberUri(SECOND_TARGET) + ";cause=486>;index=1.1.1;mp=1.1"),
                onward.headers("History-Info"));
        assertEquals(List.of("<" + numberUri(TARGET) + ">;reason=user-busy;counter=1",
                "<" + numberUri(CALLEE) + ">;reason=unconditional;counter=1"), onward.headers("Diversion"));

        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.caller.expectResponse(181);
        b2bua.caller.assertNothingReceived(m -> m.status() == 181, "a second 181");
    }

    @Test
    void aFailureTheServiceDoesNotRedirectReachesTheCallerAsBefore() {
        ScriptedEvents events = new ScriptedEvents("callee leg");
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(events));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.core.reply(b2bua.core.expectRequest("INVITE"), 486);

        SipMessage busy = b2bua.caller.expectResponse(486);
        b2bua.caller.ackFailure(invite, busy);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(UNANSWERED);
        assertEquals(List.of("tried", "failed 486", "ended"), events.events());
        b2bua.caller.assertNothingReceived(m -> m.status() == 181, "181 for a call not forwarded");
    }

    @Test
    void aServiceThatRedirectsEveryFailureGetsTenLegsAndThenTheCallerHearsTheFailure() {
        ScriptedEvents loop = new ScriptedEvents("every leg");
        loop.whenFailed((status, call) -> Optional.of(OnwardLeg.AS_DIALLED.withTarget(TARGET).withEvents(loop)));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(loop));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        Set<String> legs = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            SipMessage onward = b2bua.core.expect(m -> m.isRequest() && m.method().equals("INVITE")
                    && !legs.contains(m.callId()), "the INVITE of leg " + (i + 1));
            legs.add(onward.callId());
            b2bua.core.reply(onward, 486);
        }

        b2bua.caller.ackFailure(invite, b2bua.caller.expectResponse(486));
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(UNANSWERED);
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("INVITE")
                && !legs.contains(m.callId()), "an eleventh leg");
        List<CallControl> controls = loop.controls();
        assertEquals(21, controls.size(), "tried and failed per leg, then ended: " + loop.events());
        for (int leg = 0; leg < 10; leg++) {
            assertSame(controls.get(2 * leg), controls.get(2 * leg + 1), "one control for all of leg " + (leg + 1));
        }
        assertEquals(10, controls.stream().map(System::identityHashCode).distinct().count(),
                "a control of its own for each leg");
    }

    // ---------------------------------------------------------------- CFNR

    @Test
    void cfnrTheNoReplyTimerCancelsTheRingingCalleeAndCallsTheTarget() {
        ScriptedEvents second = new ScriptedEvents("cfnr leg");
        OnwardLeg cfnr = forwarded(TARGET, List.of(diversion(CALLEE, TARGET, DiversionReason.NO_REPLY)), second);
        ScriptedEvents first = new ScriptedEvents("callee leg")
                .whenRinging(call -> call.schedule(Duration.ofMillis(200), () -> call.redirect(cfnr)));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(first));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        SipMessage ringingLeg = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(ringingLeg, 180);
        SipMessage ringing = b2bua.caller.expectResponse(180);

        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        assertEquals(ringingLeg.callId(), cancel.callId());
        assertEquals(ringingLeg.header("Via"), cancel.header("Via"));
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(ringingLeg, 487);
        b2bua.core.expect(m -> m.method().equals("ACK") && m.callId().equals(ringingLeg.callId()), "ACK of the 487");

        SipMessage onward = inviteTo(TARGET);
        assertEquals(List.of("<" + CALLEE_URI + ">;index=1, <" + numberUri(TARGET) + ";cause=408>;index=1.1;mp=1"),
                onward.headers("History-Info"));
        SipMessage forwarded = b2bua.caller.expectResponse(181);
        assertEquals(ringing.toTag(), forwarded.toTag());

        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.metrics.awaitOutcomes(ANSWERED);
        b2bua.caller.assertNothingReceived(m -> m.status() == 487, "the cancelled callee's 487");
        assertEquals(List.of("tried", "ringing", "ended"), first.events());
        assertEquals(List.of("tried", "answered", "ended"), second.events());
    }

    @Test
    void anAnswerFromTheFirstCalleeCrossingTheCancelIsHungUpAndTheCallerGetsTheTarget() {
        OnwardLeg cfnr = forwarded(TARGET, List.of(diversion(CALLEE, TARGET, DiversionReason.NO_REPLY)),
                CalleeEvents.NONE);
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(new ScriptedEvents("callee leg")
                .whenRinging(call -> call.schedule(Duration.ofMillis(100), () -> call.redirect(cfnr)))));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage ringingLeg = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(ringingLeg, 180);
        b2bua.caller.expectResponse(180);

        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        SipMessage onward = inviteTo(TARGET);
        // The first callee had picked up already: its 200 crosses the CANCEL.
        b2bua.core.replyWithSdp(ringingLeg, 200, Sdp.ANSWER.replace("callee", "first"));
        b2bua.core.reply(cancel, 200);
        SipMessage ack = b2bua.core.expect(m -> m.method().equals("ACK") && m.callId().equals(ringingLeg.callId()),
                "ACK of the unwanted answer");
        assertEquals("1 ACK", ack.header("CSeq"));
        SipMessage bye = b2bua.core.expect(m -> m.method().equals("BYE") && m.callId().equals(ringingLeg.callId()),
                "BYE of the unwanted answer");
        b2bua.core.reply(bye, 200);

        PeerDialog callerLeg = answer(invite, onward);
        assertEquals(1, b2bua.server.callsInProgress(), "the caller is connected to the target");
        hangUp(callerLeg, onward);
        b2bua.metrics.awaitOutcomes(ANSWERED);
        b2bua.caller.assertNothingReceived(m -> m.hasBody() && m.body().contains("first"),
                "the first callee's answer");
    }

    @Test
    void theNoReplyTimerDoesNotRunWhenTheCalleeAnswersFirst() {
        onFakeTime();
        ScriptedEvents events = new ScriptedEvents("callee leg");
        OnwardLeg cfnr = forwarded(TARGET, List.of(diversion(CALLEE, TARGET, DiversionReason.NO_REPLY)),
                CalleeEvents.NONE);
        events.whenRinging(call -> call.schedule(Duration.ofMillis(300), () -> {
            events.note("timer ran");
            call.redirect(cfnr);
        }));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(events));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);
        PeerDialog callerLeg = answer(invite, onward);

        assertNull(b2bua.timers.untilNextTimer(), "the answer took the no-reply timer away");
        b2bua.timers.advance(Duration.ofHours(1)); // were it there, it would run, before the BYE on the call's lane
        hangUp(callerLeg, onward);
        b2bua.core.assertNothingReceived(m -> m.method().equals("CANCEL") || m.method().equals("INVITE"),
                "a CANCEL or a forwarded INVITE");
        assertEquals(List.of("tried", "ringing", "answered", "ended"), events.events());
    }

    @Test
    void aRedirectBeforeTheCalleeSaidAnythingCancelsItOnlyOnceItSpeaks() {
        OnwardLeg cfnrc = forwarded(TARGET, List.of(diversion(CALLEE, TARGET, NOT_REACHABLE)), CalleeEvents.NONE);
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(new ScriptedEvents("callee leg")
                .whenTried(call -> call.schedule(Duration.ofMillis(100), () -> call.redirect(cfnrc)))));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage silentLeg = b2bua.core.expectRequest("INVITE");
        SipMessage onward = inviteTo(TARGET);

        // RFC 3261 9.1: no CANCEL before a provisional response; when the late 180 comes, the CANCEL goes.
        b2bua.core.assertNothingReceived(m -> m.method().equals("CANCEL"), "CANCEL of a leg that said nothing");
        b2bua.core.reply(silentLeg, 180);
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        assertEquals(silentLeg.callId(), cancel.callId());
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(silentLeg, 487);

        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.caller.expectResponse(181);
        b2bua.caller.assertNothingReceived(m -> m.status() == 180 || m.status() == 487,
                "what the abandoned leg said");
    }

    @Test
    void aLateAnswerFromALegGivenUpBeforeItSpokeIsHungUp() {
        OnwardLeg cfnrc = forwarded(TARGET, List.of(diversion(CALLEE, TARGET, NOT_REACHABLE)), CalleeEvents.NONE);
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(new ScriptedEvents("callee leg")
                .whenTried(call -> call.schedule(Duration.ofMillis(100), () -> call.redirect(cfnrc)))));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage silentLeg = b2bua.core.expectRequest("INVITE");
        SipMessage onward = inviteTo(TARGET);

        b2bua.core.replyWithSdp(silentLeg, 200, Sdp.ANSWER);
        b2bua.core.expect(m -> m.method().equals("ACK") && m.callId().equals(silentLeg.callId()), "ACK");
        b2bua.core.reply(b2bua.core.expect(m -> m.method().equals("BYE") && m.callId().equals(silentLeg.callId()),
                "BYE of the late answer"), 200);

        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    @Test
    void theCallersPrackOfA1xxFromALegGivenUpIsAnsweredByTheServer() {
        OnwardLeg cfnr = forwarded(TARGET, List.of(diversion(CALLEE, TARGET, DiversionReason.NO_REPLY)),
                CalleeEvents.NONE);
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(new ScriptedEvents("callee leg")
                .whenRinging(call -> call.schedule(Duration.ofMillis(100), () -> call.redirect(cfnr)))));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).header("Supported", "100rel").sdp(Sdp.OFFER).send();
        SipMessage ringingLeg = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(ringingLeg, 180, "Require: 100rel", "RSeq: 1");
        SipMessage ringing = b2bua.caller.expectResponse(180);
        assertTrue(ringing.hasHeader("RSeq"), "relayed reliably");

        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(ringingLeg, 487);
        SipMessage onward = inviteTo(TARGET);
        b2bua.caller.expectResponse(181);

        b2bua.caller.dialogAsCaller(invite, ringing).prack(ringing).send();
        b2bua.caller.expectResponse(200, "PRACK");
        b2bua.core.assertNothingReceived(m -> m.method().equals("PRACK"), "a PRACK for a leg given up");

        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.metrics.awaitOutcomes(ANSWERED);
    }

    // ---------------------------------------------------------------- CFNRc

    @Test
    void cfnrcTheCoresServiceUnavailableGoesToTheService() {
        ScriptedEvents first = new ScriptedEvents("callee leg")
                .redirectOnFailure(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, NOT_REACHABLE)),
                        CalleeEvents.NONE));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(first));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.core.reply(b2bua.core.expectRequest("INVITE"), 503);

        SipMessage onward = inviteTo(TARGET);
        assertEquals(List.of("<" + numberUri(CALLEE) + ">;reason=unavailable;counter=1"), onward.headers("Diversion"));
        assertTrue(onward.headers("History-Info").get(0).contains(";cause=503>"), onward.headers("History-Info").toString());
        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.caller.assertNothingReceived(m -> m.status() == 503, "the first callee's 503");
        assertEquals(List.of("tried", "failed 503", "ended"), first.events());
    }

    @Test
    void cfnrcACalleeThatNeverAnswersIsA408ForTheService() {
        b2bua.close();
        b2bua = RunningB2bua.withOnwardInviteTimeout(Duration.ofMillis(640));
        ScriptedEvents first = new ScriptedEvents("callee leg")
                .redirectOnFailure(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, NOT_REACHABLE)),
                        CalleeEvents.NONE));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(first));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.core.expectRequest("INVITE"); // and never a word back

        SipMessage onward = inviteTo(TARGET);
        PeerDialog callerLeg = answer(invite, onward);
        hangUp(callerLeg, onward);
        b2bua.caller.assertNothingReceived(m -> m.status() == 408, "a timeout");
        assertEquals(List.of("tried", "failed 408", "ended"), first.events());
    }

    @Test
    void aTimeoutTheServiceDoesNotRedirectGivesTheCaller408() {
        b2bua.close();
        b2bua = RunningB2bua.withOnwardInviteTimeout(Duration.ofMillis(640));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.core.expectRequest("INVITE");

        SipMessage timeout = b2bua.caller.expectResponse(408);
        b2bua.caller.ackFailure(invite, timeout);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(TIMED_OUT);
    }

    @Test
    void aCoreThatCannotBeReachedIsA408ForTheServiceAnd503ForTheCaller() {
        b2bua.close();
        b2bua = RunningB2bua.overTcp();
        b2bua.core.close(); // nobody listens where the core should be: the connection is refused
        OnwardLeg cfnrc = forwarded(TARGET, List.of(diversion(CALLEE, TARGET, NOT_REACHABLE)),
                new ScriptedEvents("cfnrc leg"));
        ScriptedEvents first = new ScriptedEvents("callee leg").redirectOnFailure(cfnrc);
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(first));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        SipMessage unavailable = b2bua.caller.expectResponse(503);
        b2bua.caller.ackFailure(invite, unavailable);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(kz.btcom.fs.call.CallOutcome.FAILED);
        assertEquals(List.of("failed 408", "ended"), first.events());
        assertEquals(List.of("failed 408", "ended"), ((ScriptedEvents) cfnrc.events()).events(),
                "the next leg could not be sent either");
        b2bua.caller.assertNothingReceived(m -> m.status() == 181, "181 for a leg that never went out");
    }

    // ---------------------------------------------------------------- the caller gives up

    @Test
    void theCallersCancelAfterARedirectCancelsTheNewLeg() {
        ScriptedEvents second = new ScriptedEvents("cfb leg");
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(new ScriptedEvents("callee leg")
                .redirectOnFailure(forwarded(TARGET, List.of(diversion(CALLEE, TARGET, BUSY)), second))));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.core.reply(b2bua.core.expectRequest("INVITE"), 486);
        SipMessage onward = inviteTo(TARGET);
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);

        b2bua.caller.cancel(invite);
        b2bua.caller.expectResponse(200, "CANCEL");
        b2bua.caller.ackFailure(invite, b2bua.caller.expectResponse(487, "INVITE"));
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        assertEquals(onward.callId(), cancel.callId());
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(onward, 487);

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(kz.btcom.fs.call.CallOutcome.CANCELLED);
        assertEquals(List.of("tried", "ringing", "ended"), second.events());
    }

    @Test
    void theServicesTimersAreDroppedWhenTheCallEnds() {
        onFakeTime();
        ScriptedEvents events = new ScriptedEvents("callee leg");
        events.whenRinging(call -> call.schedule(Duration.ofMillis(200), () -> events.note("timer ran")));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(events));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);
        b2bua.caller.cancel(invite);
        b2bua.core.reply(b2bua.core.expectRequest("CANCEL"), 200);
        b2bua.core.reply(onward, 487);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(kz.btcom.fs.call.CallOutcome.CANCELLED);

        // What is left is the server's own guard on the CANCEL (64 x T1), not the service's 200 ms.
        Duration next = b2bua.timers.untilNextTimer();
        assertTrue(next == null || next.compareTo(Duration.ofMillis(200)) > 0, "the timer went with the call: " + next);
        assertEquals(List.of("tried", "ringing", "ended"), events.events());
    }

    // ---------------------------------------------------------------- helpers

    /** This test's server on fake time instead: its timers run only when the test moves time on. */
    private void onFakeTime() {
        b2bua.close();
        b2bua = RunningB2bua.onFakeTime();
    }

    static OnwardLeg forwarded(String target, List<Diversion> diversions, CalleeEvents events) {
        return OnwardLeg.AS_DIALLED.withTarget(target).withDiversions(diversions).withEvents(events);
    }

    static Diversion diversion(String from, String to, DiversionReason reason) {
        return new Diversion(from, to, reason);
    }

    static String numberUri(String number) {
        return "sip:" + number + "@" + CORE_HOST + ";user=phone";
    }

    private SipMessage inviteTo(String number) {
        return b2bua.core.expect(m -> m.isRequest() && m.method().equals("INVITE")
                && m.requestUri().equals(numberUri(number)), "an INVITE to " + number);
    }

    /** The first response the caller got after 100 Trying. */
    private SipMessage firstProvisional() {
        return b2bua.caller.expect(m -> !m.isRequest() && m.status() > 100, "a response after 100");
    }

    /** The callee of {@code onward} answers; the caller gets the 200 and acknowledges it. */
    private PeerDialog answer(SipMessage invite, SipMessage onward) {
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(Sdp.ANSWER, ok.body());
        PeerDialog callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expect(m -> m.method().equals("ACK") && m.callId().equals(onward.callId()), "the ACK");
        return callerLeg;
    }

    private void hangUp(PeerDialog callerLeg, SipMessage onward) {
        callerLeg.request("BYE").send();
        SipMessage bye = b2bua.core.expect(m -> m.method().equals("BYE") && m.callId().equals(onward.callId()),
                "the BYE on the answered leg");
        b2bua.core.reply(bye, 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
    }

    private void rejectAndFinish(SipMessage onward, int status) {
        b2bua.core.reply(onward, status);
        b2bua.caller.expectResponse(status);
        b2bua.awaitNoCallsInProgress();
    }
}
