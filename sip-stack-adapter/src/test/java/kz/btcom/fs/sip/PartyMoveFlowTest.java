package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.DialogReference;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.sip.testing.PlacedMedia;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A conference focus takes in a party of a call through this server (RFC 4579 5.5 with RFC 3891's Replaces naming
 * the controller's dialog with it): the party's own leg is re-INVITEd with the focus's media, the controller's leg is
 * released with BYE, and the call goes on as the party's alone, ending (and billed) when the party leaves.
 */
class PartyMoveFlowTest {

    private static final Predicate<SipIdentity> ANYONE = party -> true;

    private RunningB2bua b2bua;
    private final PlacedMedia media = new PlacedMedia();
    private final Outcome outcome = new Outcome();

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void theCalleeOfTheNamedCallerDialogIsReInvitedWithTheFocusMediaAndTheCallerReleased() throws Exception {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        List<SipIdentity> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertTrue(b2bua.server.mover().move(callerDialogOf(call), party -> asked.add(party), media, outcome));

        SipMessage reinvite = b2bua.core.expectRequest("INVITE");
        assertEquals(call.onwardInvite().callId(), reinvite.callId(), "in the callee's own dialog");
        assertTrue(reinvite.body().contains("m=audio 40000"), "the focus media's offer: " + reinvite.body());
        b2bua.core.replyWithSdp(reinvite, 200, Sdp.ANSWER);
        b2bua.core.expectRequest("ACK");
        SipMessage bye = b2bua.caller.expectRequest("BYE");
        b2bua.caller.reply(bye, 200);
        outcome.moved.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("offer", "remote answer", "start"), media.events());
        assertEquals(List.of(SipMessage.uriOf(call.invite().header("From"))), asked.stream().map(SipIdentity::uri)
                .toList(), "the named dialog is the caller's: the caller is asked about");

        // The party re-INVITEs (hold): the focus media answers; the party hangs up: the call ends, answered.
        SipMessage hold = call.calleeLeg().request("INVITE").header("Contact", "<" + b2bua.core.contactUri() + ">")
                .sdp(Sdp.OFFER).send();
        SipMessage holdOk = b2bua.core.expectResponse(200, "INVITE");
        call.calleeLeg().ack(holdOk).send();
        assertTrue(holdOk.body().contains("m=audio 40000"));
        b2bua.caller.assertNothingReceived(m -> m.isRequest() && m.method().equals("INVITE"), "the hold");
        call.calleeLeg().request("BYE").send();
        b2bua.core.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
        media.awaitEvent("close");
        CallEnd end = b2bua.handler.ends().get(0);
        assertEquals(CallEnd.Releaser.CALLEE, end.releasedBy());
        assertFalse(hold.body().isEmpty());
    }

    @Test
    void theFocusHangsUpAMovedPartyWhenItsConferenceEnds() throws Exception {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        b2bua.server.mover().move(callerDialogOf(call), ANYONE, media, outcome);
        b2bua.core.replyWithSdp(b2bua.core.expectRequest("INVITE"), 200, Sdp.ANSWER);
        b2bua.caller.reply(b2bua.caller.expectRequest("BYE"), 200);
        outcome.moved.get(5, TimeUnit.SECONDS);

        media.finishPlaying(); // the conference's controller left

        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.awaitNoCallsInProgress();
        assertEquals(CallEnd.Releaser.SERVER, b2bua.handler.ends().get(0).releasedBy());
    }

    @Test
    void theCallerCanBeTheMovedPartyWhenTheCalleeDialogIsNamed() throws Exception {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        SipMessage onward = call.onwardInvite();
        DialogReference calleeDialog = new DialogReference(onward.callId(), call.calleeLeg().localTag(),
                onward.fromTag());

        assertTrue(b2bua.server.mover().move(calleeDialog, ANYONE, media, outcome));

        b2bua.caller.replyWithSdp(b2bua.caller.expectRequest("INVITE"), 200, Sdp.ANSWER);
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        outcome.moved.get(5, TimeUnit.SECONDS);
        call.callerLeg().request("BYE").send();
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void aPartyThatRefusesTheMoveKeepsItsCallAsItWas() throws Exception {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        b2bua.server.mover().move(callerDialogOf(call), ANYONE, media, outcome);

        b2bua.core.reply(b2bua.core.expectRequest("INVITE"), 488);

        assertEquals(488, outcome.failed.get(5, TimeUnit.SECONDS));
        media.awaitEvent("close");
        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void aCallReleasedWhileThePartyIsBeingMovedFailsTheMove() throws Exception {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();
        b2bua.server.mover().move(callerDialogOf(call), ANYONE, media, outcome);
        SipMessage reinvite = b2bua.core.expectRequest("INVITE");

        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");

        assertEquals(487, outcome.failed.get(5, TimeUnit.SECONDS));
        media.awaitEvent("close");
        b2bua.core.reply(reinvite, 481);
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void onlyAPartyOfTheNamedDialogMayMoveTheOther() throws Exception {
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        b2bua.server.mover().move(callerDialogOf(call), party -> false, media, outcome);

        assertEquals(403, outcome.failed.get(5, TimeUnit.SECONDS));
        media.awaitEvent("close");
        b2bua.core.assertNothingReceived(m -> m.isRequest() && m.method().equals("INVITE"), "a re-INVITE");
        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void aDialogNoCallHereHasIsNotMoved() {
        assertFalse(b2bua.server.mover().move(new DialogReference("nobody@elsewhere", "a", "b"), ANYONE, media,
                outcome));
        assertEquals(List.of(), media.events());
    }

    @Test
    void aCallNotYetAnsweredCannotBeMoved() throws Exception {
        SipMessage invite = b2bua.caller.invite(RunningB2bua.CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 180);
        SipMessage ringing = b2bua.caller.expectResponse(180);

        b2bua.server.mover().move(new DialogReference(invite.callId(), ringing.toTag(), invite.fromTag()), ANYONE,
                media, outcome);

        assertEquals(481, outcome.failed.get(5, TimeUnit.SECONDS));
        b2bua.caller.cancel(invite);
        b2bua.core.reply(b2bua.core.expectRequest("CANCEL"), 200);
        b2bua.core.reply(onward, 487);
        b2bua.awaitNoCallsInProgress();
    }

    /** The caller's dialog as the caller names it in a Replaces: its Call-ID, the B2BUA's tag, its own tag. */
    private static DialogReference callerDialogOf(RunningB2bua.AnsweredCall call) {
        return DialogReference.parse(call.invite().callId() + ";to-tag=" + call.callerLeg().remoteTag()
                + ";from-tag=" + call.invite().fromTag()).orElseThrow();
    }

    private static final class Outcome implements CallMover.MoveEvents {
        final CompletableFuture<Void> moved = new CompletableFuture<>();
        final CompletableFuture<Integer> failed = new CompletableFuture<>();

        @Override
        public void onMoved() {
            moved.complete(null);
        }

        @Override
        public void onFailed(int status) {
            failed.complete(status);
        }
    }
}
