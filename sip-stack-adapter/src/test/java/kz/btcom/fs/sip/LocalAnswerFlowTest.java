package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static kz.btcom.fs.call.CallOutcome.ANSWERED_LOCALLY;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A service answers the call itself (a feature code's tone): no leg to the core, the server's own media. */
class LocalAnswerFlowTest {

    private static final String SERVER_SDP = "v=0\r\no=fs 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n";

    private RunningB2bua b2bua;
    private final RecordingMedia media = new RecordingMedia();

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
        b2bua.handler.decide(setup -> new CallDecision.Answer(media));
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void theServerAnswersWithItsOwnSdpPlaysOnAckAndHangsUpWhenTheMediaIsDone() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(SERVER_SDP, ok.body());
        assertEquals(List.of("answer to offer"), media.events);

        b2bua.caller.dialogAsCaller(invite, ok).ack(ok).send();
        media.awaitEvent("start");
        media.hangUp.run(); // the tone is over

        SipMessage bye = b2bua.caller.expectRequest("BYE");
        b2bua.caller.reply(bye, 200);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED_LOCALLY);
        assertEquals(List.of("answer to offer", "start", "close"), media.events);
        b2bua.core.assertNothingReceived(message -> true, "anything: the core never hears of this call");
    }

    @Test
    void theCallerHangsUpFirstAndTheMediaIsClosed() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        var callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        media.awaitEvent("start");

        callerLeg.request("BYE").send();
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED_LOCALLY);
        assertEquals(List.of("answer to offer", "start", "close"), media.events);
    }

    @Test
    void withoutAnOfferTheServerOffersAndTheMediaGetsTheCallersAnswerFromTheAck() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).send();
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        assertEquals(SERVER_SDP, ok.body());

        b2bua.caller.dialogAsCaller(invite, ok).ack(ok).sdp(Sdp.ANSWER).send();
        media.awaitEvent("start");

        assertEquals(List.of("answer to ", "remote answer", "start"), media.events);
    }

    @Test
    void whenTheMediaRefusesTheOfferTheCallerGetsItsStatusAndTheMediaIsClosed() {
        b2bua.handler.decide(setup -> new CallDecision.Answer(new RecordingMedia() {
            @Override
            public String sdpAnswer(String sdpOffer) {
                events.add("refused");
                throw MediaRefusedException.notAcceptable("no codec in common: G729 only");
            }
        }));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        SipMessage refusal = b2bua.caller.expectResponse(488, "INVITE");
        b2bua.caller.ackFailure(invite, refusal);
        b2bua.awaitNoCallsInProgress();
        b2bua.core.assertNothingReceived(message -> true, "anything: the core never hears of this call");
    }

    @Test
    void aReInviteDuringTheAnnouncementGetsTheMediasAnswer() {
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        var callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        media.awaitEvent("start");

        callerLeg.request("INVITE").sdp(Sdp.HOLD).send();
        SipMessage reinviteOk = b2bua.caller.expectResponse(200, "INVITE");

        assertEquals(SERVER_SDP, reinviteOk.body());
        callerLeg.ack(reinviteOk).send();
        callerLeg.request("BYE").send();
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();

        assertEquals(List.of("answer to offer", "start", "answer to " + Sdp.HOLD, "close"), media.events,
                "the re-INVITE's ACK does not start the media twice");
    }

    @Test
    void aRefusalWithAnAnnouncementPlaysItAsEarlyMediaThenSendsTheFinalResponse() {
        b2bua.handler.decide(setup -> new CallDecision.Reject(603, "Decline", java.util.Optional.of(media)));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();

        SipMessage progress = b2bua.caller.expectResponse(183, "INVITE");
        assertEquals(SERVER_SDP, progress.body());
        media.awaitEvent("start");
        media.hangUp.run(); // the announcement is over

        SipMessage declined = b2bua.caller.expectResponse(603, "INVITE");
        b2bua.caller.ackFailure(invite, declined);
        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(kz.btcom.fs.call.CallOutcome.REJECTED);
        assertEquals(List.of("answer to offer", "start", "close"), media.events);
        b2bua.core.assertNothingReceived(message -> true, "anything: a refused call never reaches the core");
    }

    @Test
    void theCallerMayHangUpDuringTheAnnouncement() {
        b2bua.handler.decide(setup -> new CallDecision.Reject(603, "Decline", java.util.Optional.of(media)));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        b2bua.caller.expectResponse(183, "INVITE");
        media.awaitEvent("start");

        b2bua.caller.cancel(invite);
        b2bua.caller.expectResponse(200, "CANCEL");
        SipMessage terminated = b2bua.caller.expectResponse(487, "INVITE");
        b2bua.caller.ackFailure(invite, terminated);
        b2bua.awaitNoCallsInProgress();
        assertEquals(List.of("answer to offer", "start", "close"), media.events);
    }

    @Test
    void withoutAnOfferThereIsNoAnnouncementAndTheRefusalComesAtOnce() {
        b2bua.handler.decide(setup -> new CallDecision.Reject(603, "Decline", java.util.Optional.of(media)));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).send();

        SipMessage declined = b2bua.caller.expectResponse(603, "INVITE");
        b2bua.caller.ackFailure(invite, declined);
        b2bua.awaitNoCallsInProgress();
        assertEquals(List.of("close"), media.events);
    }

    /** Records what the B2BUA asked of the media; the test plays the part of the tone ending. */
    private static class RecordingMedia implements LocalMedia {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile Runnable hangUp;

        @Override
        public String sdpAnswer(String sdpOffer) {
            events.add(sdpOffer.equals(Sdp.OFFER) ? "answer to offer" : "answer to " + sdpOffer);
            return SERVER_SDP;
        }

        @Override
        public void remoteAnswer(String sdpAnswer) {
            events.add(sdpAnswer.equals(Sdp.ANSWER) ? "remote answer" : "remote " + sdpAnswer);
        }

        @Override
        public void start(Runnable hangUp) {
            this.hangUp = hangUp;
            events.add("start");
        }

        @Override
        public void close() {
            events.add("close");
        }

        void awaitEvent(String event) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!events.contains(event)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("media never got '" + event + "'; got " + events);
                }
                Thread.onSpinWait();
            }
        }
    }
}
