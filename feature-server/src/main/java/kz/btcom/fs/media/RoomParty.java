package kz.btcom.fs.media;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One party of a {@link ConferenceRoom}, as its call sees it: the SDP of its leg, and its place in the mix. The
 * call's lane calls {@link #sdpAnswer}, {@link #remoteAnswer}, {@link #start} and {@link #close}; each change of
 * the negotiated audio is handed to the media thread, where the party's {@link RoomMix.Voice} lives.
 * <p>
 * The party is heard only while its audio flows both ways: a party that puts the conference on hold (sendonly,
 * inactive, {@code c=0.0.0.0}) may be playing music on hold, which the others must not get. It is sent the mix
 * whenever we may send to it.
 */
public final class RoomParty implements LocalMedia {

    private static final Logger LOG = LoggerFactory.getLogger(RoomParty.class);

    private final ConferenceRoom room;
    private final MediaLeg leg;
    // Guarded by this:
    private boolean started;
    private boolean closed;
    private Runnable hangUp;
    // Media thread only:
    private RoomMix.Voice voice;

    RoomParty(ConferenceRoom room, MediaLeg leg) {
        this.room = room;
        this.leg = leg;
    }

    /**
     * The answer to the party's offer (PCMA or PCMU, {@code sendrecv} unless the offer holds), or our own offer
     * when {@code sdpOffer} is empty. A later offer (a re-INVITE: hold, resume, another codec) is answered on the
     * same leg, and the mix follows it.
     *
     * @throws MediaRefusedException no PCMA/PCMU audio in the offer (488)
     */
    @Override
    public synchronized String sdpAnswer(String sdpOffer) {
        if (closed) {
            throw new IllegalStateException("call " + leg.callId() + ": the conference party is closed");
        }
        try {
            String sdp = sdpOffer == null || sdpOffer.isBlank() ? leg.offer() : leg.answer(sdpOffer);
            followNegotiation();
            return sdp;
        } catch (MediaException e) {
            LOG.info("call {}: refusing the offer in conference {}: {}", leg.callId(), room.id(), e.getMessage());
            throw new MediaRefusedException(e.sipStatus(), e.sipStatus() == 488 ? "Not Acceptable Here"
                    : "Service Unavailable", e.getMessage());
        }
    }

    /** The party's answer to our offer (from its ACK, or the 200 of our re-INVITE). */
    @Override
    public synchronized void remoteAnswer(String sdpAnswer) {
        if (closed || sdpAnswer == null || sdpAnswer.isBlank()) {
            return;
        }
        try {
            leg.remoteDescription(sdpAnswer);
            followNegotiation();
        } catch (UnacceptableSdpException | IllegalStateException e) {
            LOG.info("call {}: the answer is unusable, the party stays as it was in conference {}: {}",
                    leg.callId(), room.id(), e.getMessage());
        }
    }

    /**
     * The party starts being heard and hearing. Idempotent. The room never calls {@code hangUp} itself: who is
     * released is the service's decision.
     */
    @Override
    public void start(Runnable hangUp) {
        synchronized (this) {
            if (closed || started) {
                return;
            }
            started = true;
            this.hangUp = hangUp;
        }
        room.onMediaThread(this::enterMix);
    }

    /** Leaves the mix and closes the leg (its port is released). Idempotent; any thread, the media thread too. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        room.left(this);
        room.onMediaThread(this::leaveMix);
        leg.close();
    }

    /** The leg's local RTP address, as its SDP announces it. */
    public InetSocketAddress localAddress() {
        return leg.localAddress();
    }

    public String callId() {
        return leg.callId();
    }

    @Override
    public String toString() {
        return "RoomParty[" + leg.callId() + " in " + room.id() + "]";
    }

    /** The hang-up the call gave {@link #start}, for the service that decides to release this party. */
    synchronized Runnable hangUp() {
        return hangUp;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void followNegotiation() {
        if (started) {
            room.onMediaThread(this::configureVoice);
        }
    }

    private void enterMix() {
        if (isClosed() || voice != null) {
            return;
        }
        voice = room.mix().join(leg::sendMixed);
        leg.onRtp((from, packet) -> {
            if (voice != null) {
                voice.received(packet);
            }
        });
        configureVoice();
    }

    private void configureVoice() {
        if (voice == null) {
            return;
        }
        Optional<NegotiatedAudio> audio = leg.negotiated();
        if (audio.isEmpty()) {
            voice.mute();
            return;
        }
        NegotiatedAudio negotiated = audio.get();
        boolean sentTo = negotiated.streams();
        boolean heard = sentTo && negotiated.direction() == MediaDirection.SEND_RECV;
        voice.configure(negotiated.codec(), negotiated.payloadType(), heard, sentTo);
    }

    private void leaveMix() {
        leg.onRtp(RtpListener.IGNORE);
        if (voice != null) {
            voice.leave();
            voice = null;
        }
    }
}
