package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.PlacedCallRecorder;
import kz.btcom.fs.sip.testing.PlacedMedia;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.call.CallOutcome.CANCELLED;
import static kz.btcom.fs.call.CallOutcome.FAILED;
import static kz.btcom.fs.call.CallOutcome.OVERLOAD;
import static kz.btcom.fs.call.CallOutcome.TIMED_OUT;
import static kz.btcom.fs.call.CallOutcome.UNANSWERED;
import static kz.btcom.fs.sip.testing.RunningB2bua.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls the server places itself (a wake-up call): one leg to the core, the server's own media at this end. The core
 * here answers, rings, refuses or says nothing; whoever placed the call hears each of it on the call's lane, and its
 * end exactly once.
 */
class PlacedCallFlowTest {

    static final String SUBSCRIBER = "+77272777888";
    static final String SERVICE_NUMBER = "+77270000055";
    static final String HOME_DOMAIN = "ims.btcom.kz";

    private RunningB2bua b2bua;
    private final PlacedMedia media = new PlacedMedia();
    private final PlacedCallRecorder events = new PlacedCallRecorder();

    @AfterEach
    void stop() {
        b2bua.close();
    }

    private void start() {
        b2bua = RunningB2bua.with("udp", settings -> settings.withHomeDomain(HOME_DOMAIN));
    }

    private PlacedCall place() {
        return b2bua.server.placer().place(new OutgoingCall(SUBSCRIBER, SERVICE_NUMBER, Optional.of("Wake-up"), media,
                Map.of("Subject", "wake-up call")), events);
    }

    // ---------------------------------------------------------------- answered

    @Test
    void theInviteCallsTheSubscriberFromTheServiceNumberWithTheMediasOfferAndAChargingVectorOfItsOwn() {
        start();
        PlacedCall call = place();

        SipMessage invite = b2bua.core.expectRequest("INVITE");
        String subscriber = "sip:" + SUBSCRIBER + "@" + HOME_DOMAIN + ";user=phone";
        String service = "sip:" + SERVICE_NUMBER + "@" + HOME_DOMAIN + ";user=phone";
        assertEquals(subscriber, invite.requestUri());
        assertEquals(subscriber, SipMessage.uriOf(invite.header("To")));
        assertEquals(null, SipMessage.param(invite.header("To"), "tag"));
        assertEquals(service, SipMessage.uriOf(invite.header("From")));
        assertTrue(invite.header("From").startsWith("\"Wake-up\" <"), invite.header("From"));
        assertNotNull(invite.fromTag());
        assertEquals("\"Wake-up\" <" + service + ">", invite.header("P-Asserted-Identity"));
        assertEquals(List.of("icid-value=" + call.icid() + ";icid-generated-at=" + SipPeer.HOST),
                invite.headers("P-Charging-Vector"));
        assertEquals(32, call.icid().length(), "128 random bits in hex");
        assertEquals(call.callId(), invite.callId());
        assertEquals("application/sdp", invite.header("Content-Type"));
        assertEquals(PlacedMedia.OFFER, invite.body());
        assertEquals("wake-up call", invite.header("Subject"));
        assertEquals("sip:" + SipPeer.HOST + ":" + b2bua.core.port() + ";lr;transport=udp",
                SipMessage.uriOf(invite.header("Route")));
        assertEquals("sip:fs@" + SipPeer.HOST + ":" + b2bua.port + ";transport=udp",
                SipMessage.uriOf(invite.header("Contact")));
        assertEquals(1, b2bua.server.callsInProgress(), "a placed call is a call in progress");

        b2bua.core.reply(invite, 486);
        b2bua.core.expectRequest("ACK");
        events.awaitEnd();
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void answeredTheCallIsAcknowledgedItsMediaStartsAndOurHangUpSendsBye() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(invite, 100);
        b2bua.core.reply(invite, 180);
        events.awaitEvent("provisional 180");
        b2bua.core.replyWithSdp(invite, 200, Sdp.ANSWER);

        SipMessage ack = b2bua.core.expectRequest("ACK");
        assertEquals(invite.callId(), ack.callId());
        assertEquals(invite.cseq(), ack.cseq(), "the ACK of a 2xx has the INVITE's CSeq number");
        assertEquals("ACK", ack.cseqMethod());
        assertNotNull(ack.toTag());
        events.awaitEvent("answered");
        media.awaitEvent("start");
        assertEquals(List.of("offer", "remote answer", "start"), media.events());
        assertEquals(List.of("placed", "provisional 180", "answered"), events.events(), "no event for 100 Trying");

        call.hangUp();
        SipMessage bye = b2bua.core.expectRequest("BYE");
        assertEquals(invite.callId(), bye.callId());
        b2bua.core.reply(bye, 200);

        CallEnd end = events.awaitEnd();
        assertEquals(ANSWERED, end.outcome());
        assertEquals(200, end.status());
        assertEquals(CallEnd.Releaser.SERVER, end.releasedBy());
        assertEquals(Optional.of(NOW), end.answeredAt());
        assertEquals(Optional.of(NOW), end.alertedAt());
        b2bua.awaitNoCallsInProgress();
        media.awaitEvent("close");
        assertEquals(List.of("offer", "remote answer", "start", "close"), media.events());
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void theMediaFinishingPlayingHangsUp() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(invite, 200, Sdp.ANSWER);
        b2bua.core.expectRequest("ACK");
        media.awaitEvent("start");

        media.finishPlaying();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        assertEquals(CallEnd.Releaser.SERVER, events.awaitEnd().releasedBy());
        b2bua.awaitNoCallsInProgress();
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void theCalleeHangsUpItsByeIsAnsweredAndThePlacerHearsTheEndOnce() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(invite, 200, Sdp.ANSWER);
        b2bua.core.expectRequest("ACK");
        events.awaitEvent("answered");

        PeerDialog callee = b2bua.core.dialogAsCallee(invite);
        callee.request("BYE").send();
        b2bua.core.expectResponse(200, "BYE");

        CallEnd end = events.awaitEnd();
        assertEquals(ANSWERED, end.outcome());
        assertEquals(CallEnd.Releaser.CALLEE, end.releasedBy());
        assertEquals(Optional.of(NOW), end.answeredAt());
        assertEquals(Optional.empty(), end.alertedAt(), "it never rang: answered at once");
        b2bua.awaitNoCallsInProgress();
        media.awaitEvent("close");
        call.hangUp(); // too late: nothing more happens
        assertEquals(List.of("placed", "answered", "ended"), events.events());
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void inTheCallTheCalleesOptionsAndInfoAreAnswered() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(invite, 200, Sdp.ANSWER);
        b2bua.core.expectRequest("ACK");
        events.awaitEvent("answered");

        PeerDialog callee = b2bua.core.dialogAsCallee(invite);
        callee.request("OPTIONS").send();
        b2bua.core.expectResponse(200, "OPTIONS");
        callee.request("INFO").body("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n").send();
        b2bua.core.expectResponse(200, "INFO");
        callee.request("REFER").header("Refer-To", "<sip:+77272000000@" + HOME_DOMAIN + ">").send();
        b2bua.core.expectResponse(405, "REFER");

        callee.request("BYE").send();
        b2bua.core.expectResponse(200, "BYE");
        events.awaitEnd();
        b2bua.awaitNoCallsInProgress();
        assertEverythingOnTheCallsLane(call);
    }

    // ---------------------------------------------------------------- not answered

    @Test
    void busyTheCallFailsWith486WhichIsAcknowledged() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(invite, 180);
        events.awaitEvent("provisional 180"); // the stack's threads could reorder a 180 and a 486 sent at once
        b2bua.core.reply(invite, 486);

        SipMessage ack = b2bua.core.expectRequest("ACK");
        assertEquals(invite.header("Via"), ack.header("Via"), "the ACK of a failure is part of the INVITE transaction");
        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "provisional 180", "failed 486", "ended"), events.events());
        assertEquals(UNANSWERED, end.outcome());
        assertEquals(486, end.status());
        assertEquals(CallEnd.Releaser.CALLEE, end.releasedBy());
        assertEquals(Optional.empty(), end.answeredAt());
        b2bua.awaitNoCallsInProgress();
        media.awaitEvent("close");
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void cancelledWhileRingingTheCoreGetsCancelAndThePlacerHears487() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(invite, 180);
        events.awaitEvent("provisional 180");

        call.cancel();
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        assertEquals(invite.header("Via"), cancel.header("Via"), "a CANCEL matches its INVITE's branch");
        assertEquals(invite.cseq(), cancel.cseq());
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(invite, 487);
        b2bua.core.expectRequest("ACK");

        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "provisional 180", "failed 487", "ended"), events.events());
        assertEquals(CANCELLED, end.outcome());
        assertEquals(487, end.status());
        assertEquals(CallEnd.Releaser.SERVER, end.releasedBy());
        b2bua.awaitNoCallsInProgress();
        media.awaitEvent("close");
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void cancelledBeforeTheCoreSaidAnythingTheCancelWaitsForAProvisionalResponse() {
        start();
        media.holdOffer(); // the cancel below reaches the call's lane before any response can
        PlacedCall call = place();
        media.awaitEvent("offer");
        call.cancel();
        media.releaseOffer();
        SipMessage invite = b2bua.core.expectRequest("INVITE");

        // RFC 3261 9.1: no CANCEL for a request that got no provisional response yet. The 200 of a later call on
        // the same server is the barrier: anything the first had sent by then would have come first.
        b2bua.completeCall(b2bua.caller);
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("CANCEL"), "CANCEL before a 1xx");
        b2bua.core.reply(invite, 180);
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        assertEquals(invite.header("Via"), cancel.header("Via"));
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(invite, 487);
        b2bua.core.expectRequest("ACK");

        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "failed 487", "ended"), events.events(), "a 180 after the cancel is nobody's news");
        assertEquals(CANCELLED, end.outcome());
        b2bua.awaitNoCallsInProgress();
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void anAnswerThatCrossesOurCancelIsAcknowledgedAndHungUp() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(invite, 180);
        events.awaitEvent("provisional 180");

        call.cancel();
        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        b2bua.core.replyWithSdp(invite, 200, Sdp.ANSWER); // the callee had answered already
        b2bua.core.reply(cancel, 200);

        SipMessage ack = b2bua.core.expectRequest("ACK");
        assertEquals(invite.cseq(), ack.cseq());
        SipMessage bye = b2bua.core.expectRequest("BYE");
        b2bua.core.reply(bye, 200);

        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "provisional 180", "failed 487", "ended"), events.events());
        assertEquals(CANCELLED, end.outcome());
        b2bua.awaitNoCallsInProgress();
        media.awaitEvent("close");
        assertEquals(List.of("offer", "close"), media.events(), "the media never started");
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void noResponseAtAllTheCallFailsWith408OnceTheInviteTimesOut() {
        b2bua = RunningB2bua.onFakeTime();
        Duration timerB = SipSettings.DEFAULT_INVITE_TIMEOUT;
        PlacedCall call = place();
        b2bua.core.expectRequest("INVITE"); // and the core never answers

        b2bua.timers.awaitNextTimerIn(timerB);
        b2bua.timers.advance(timerB);

        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "failed 408", "ended"), events.events());
        assertEquals(TIMED_OUT, end.outcome());
        assertEquals(408, end.status());
        assertEquals(CallEnd.Releaser.SERVER, end.releasedBy());
        b2bua.awaitNoCallsInProgress();
        media.awaitEvent("close");
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void aCalleeSilentAfterOurCancelIsGivenUpAfterTheInviteTimeout() {
        b2bua = RunningB2bua.onFakeTime();
        Duration timerB = SipSettings.DEFAULT_INVITE_TIMEOUT;
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(invite, 180);
        events.awaitEvent("provisional 180");
        call.cancel();
        b2bua.core.expectRequest("CANCEL"); // and the core never answers it, nor the INVITE

        b2bua.timers.awaitNextTimerIn(timerB);
        b2bua.timers.advance(timerB);

        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "provisional 180", "failed 487", "ended"), events.events());
        assertEquals(CANCELLED, end.outcome());
        b2bua.awaitNoCallsInProgress();
    }

    // ---------------------------------------------------------------- keep-alive and shutdown

    @Test
    void aCalleeThatNoLongerKnowsTheCallIsReleasedByTheKeepAlive() {
        Duration interval = Duration.ofSeconds(120);
        b2bua = RunningB2bua.withKeepAliveOnFakeTime(interval, Duration.ofSeconds(10));
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(invite, 200, Sdp.ANSWER);
        b2bua.core.expectRequest("ACK");
        events.awaitEvent("answered");

        b2bua.timers.awaitNextTimerIn(interval);
        b2bua.timers.advance(interval);
        SipMessage options = b2bua.core.expectRequest("OPTIONS");
        assertEquals(invite.callId(), options.callId());
        b2bua.core.reply(options, 481);

        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        CallEnd end = events.awaitEnd();
        assertEquals(ANSWERED, end.outcome());
        assertEquals(CallEnd.Releaser.SERVER, end.releasedBy());
        b2bua.awaitNoCallsInProgress();
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void shutdownHangsUpAnAnsweredPlacedCall() throws Exception {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.replyWithSdp(invite, 200, Sdp.ANSWER);
        b2bua.core.expectRequest("ACK");
        events.awaitEvent("answered");

        CompletableFuture<Void> released = CompletableFuture.runAsync(
                () -> b2bua.server.releaseAllCalls(SipPeer.WAIT));
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        released.get(SipPeer.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(0, b2bua.server.callsInProgress());
        CallEnd end = events.awaitEnd();
        assertEquals(ANSWERED, end.outcome());
        assertEquals(CallEnd.Releaser.SERVER, end.releasedBy());
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void shutdownGivesUpAPlacedCallStillRinging() throws Exception {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(invite, 180);
        events.awaitEvent("provisional 180");

        b2bua.server.releaseAllCalls(SipPeer.WAIT);
        assertEquals(0, b2bua.server.callsInProgress());
        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "provisional 180", "failed 503", "ended"), events.events());
        assertEquals(OVERLOAD, end.outcome());

        SipMessage cancel = b2bua.core.expectRequest("CANCEL");
        b2bua.core.reply(cancel, 200);
        b2bua.core.reply(invite, 487);
        b2bua.core.expectRequest("ACK");
        assertEverythingOnTheCallsLane(call);
    }

    @Test
    void onceTheServerStopsTakingCallsItPlacesNoneEither() {
        start();
        b2bua.server.stopAcceptingCalls();
        PlacedCall call = place();

        CallEnd end = events.awaitEnd();
        assertEquals(List.of("failed 503", "ended"), events.events());
        assertEquals(OVERLOAD, end.outcome());
        assertEquals(0, b2bua.server.callsInProgress());
        media.awaitEvent("close");
        assertEverythingOnTheCallsLane(call);
        b2bua.core.assertNothingReceived(m -> true, "anything");
    }

    @Test
    void mediaWithNoPortFreeFailsTheCallBeforeAnyInviteGoes() {
        start();
        LocalMedia noPort = new LocalMedia() {
            @Override
            public String sdpAnswer(String sdpOffer) {
                throw MediaRefusedException.unavailable("no RTP port free");
            }

            @Override
            public void start(Runnable hangUp) {
            }

            @Override
            public void close() {
            }
        };
        b2bua.server.placer().place(new OutgoingCall(SUBSCRIBER, SERVICE_NUMBER, noPort), events);

        CallEnd end = events.awaitEnd();
        assertEquals(List.of("placed", "failed 503", "ended"), events.events());
        assertEquals(FAILED, end.outcome());
        b2bua.awaitNoCallsInProgress();
        b2bua.core.assertNothingReceived(m -> true, "anything");
    }

    @Test
    void aHeaderTheAdapterWritesItselfIsRefusedAtOnce() {
        start();
        assertThrows(IllegalArgumentException.class, () -> b2bua.server.placer().place(new OutgoingCall(SUBSCRIBER,
                SERVICE_NUMBER, Optional.empty(), media, Map.of("Call-ID", "mine@example.org")), events));
        assertEquals(0, b2bua.server.callsInProgress());
    }

    // ---------------------------------------------------------------- the call routed back

    @Test
    void theCoreRoutingThePlacedCallBackToTheServerIsANewCallCarryingThePlacedCallsIcid() {
        start();
        PlacedCall call = place();
        SipMessage invite = b2bua.core.expectRequest("INVITE");

        // The core, a proxy, sends the same request back for the subscriber's terminating services: same Call-ID,
        // From (and tag), charging vector; its own Via on top.
        b2bua.core.request("INVITE", invite.requestUri())
                .replace("From", invite.header("From"))
                .replace("To", invite.header("To"))
                .replace("Call-ID", invite.callId())
                .header("P-Charging-Vector", invite.header("P-Charging-Vector"))
                .header("P-Asserted-Identity", invite.header("P-Asserted-Identity"))
                .sdp(invite.body())
                .send();
        SipMessage onward = b2bua.core.expect(m -> m.isRequest() && m.method().equals("INVITE")
                && !m.callId().equals(call.callId()), "the routed-back call's onward INVITE");
        assertEquals(call.icid(), b2bua.handler.lastSetup().icid(), "the services can tell the call for their own");

        b2bua.core.reply(onward, 486);
        b2bua.core.expectRequest("ACK");
        b2bua.core.expectResponse(486, "INVITE");
        b2bua.core.reply(invite, 486);
        events.awaitEnd();
        b2bua.awaitNoCallsInProgress();
    }

    /** Every event the placer and the media heard came on the one lane the call's Call-ID picks. */
    private void assertEverythingOnTheCallsLane(PlacedCall call) {
        String lane = "call-lane-" + Math.floorMod(call.callId().hashCode(), 2);
        List<String> threads = new java.util.ArrayList<>(events.threads());
        threads.addAll(media.threads());
        assertTrue(threads.stream().allMatch(lane::equals), "every event on " + lane + ": " + threads);
    }
}
