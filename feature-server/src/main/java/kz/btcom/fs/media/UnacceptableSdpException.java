package kz.btcom.fs.media;

/**
 * The caller's session description is unusable: no G.711 audio in common, or not SDP at all. RFC 3261 21.4.26:
 * the INVITE gets 488 Not Acceptable Here.
 */
public final class UnacceptableSdpException extends MediaException {

    public UnacceptableSdpException(String message) {
        super(message);
    }

    @Override
    public int sipStatus() {
        return 488;
    }
}
