package kz.btcom.fs.call;

/**
 * A media session the server itself terminates (a tone or an announcement), for calls it answers.
 * The B2BUA asks it for an SDP answer, starts it when the caller's ACK arrives, and hangs up when it is done.
 */
public interface LocalMedia {

    /**
     * The SDP answer to the caller's offer, or the server's own offer when the INVITE had none ({@code sdpOffer}
     * empty).
     *
     * @throws MediaRefusedException when the call cannot be answered (no codec in common: 488; no port: 503)
     */
    String sdpAnswer(String sdpOffer);

    /** The caller's SDP answer in its ACK, when the INVITE had no offer and the server offered in its 200. */
    default void remoteAnswer(String sdpAnswer) {
    }

    /** The call is confirmed: start playing, and run {@code hangUp} when the media is finished. */
    void start(Runnable hangUp);

    /** The call is over (either side hung up, or it failed): release the media resources. */
    void close();
}
