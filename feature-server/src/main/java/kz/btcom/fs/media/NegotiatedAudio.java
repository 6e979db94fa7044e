package kz.btcom.fs.media;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What an offer/answer exchange settled for a leg's audio.
 *
 * @param codec       the codec both sides use
 * @param payloadType the RTP payload type number for it (the static 0 or 8 unless the offer mapped another)
 * @param remote      where our RTP goes; empty when the other side is on hold ({@code c=0.0.0.0}) or gave no port
 * @param direction   our direction: whether we send and receive
 */
record NegotiatedAudio(Codec codec, int payloadType, Optional<InetSocketAddress> remote, MediaDirection direction) {

    NegotiatedAudio {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(direction, "direction");
    }

    /** Whether RTP should actually leave: we may send and there is somewhere to send to. */
    boolean streams() {
        return direction.sends() && remote.isPresent();
    }
}
