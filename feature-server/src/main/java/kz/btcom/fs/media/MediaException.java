package kz.btcom.fs.media;

/**
 * The endpoint cannot take this call's media; {@link #sipStatus()} says what the caller should be told. These are
 * expected outcomes (a full port range, an offer we cannot serve), so they are logged as one line, never a trace.
 */
public abstract sealed class MediaException extends RuntimeException
        permits MediaUnavailableException, UnacceptableSdpException {

    MediaException(String message) {
        super(message);
    }

    /** The SIP final response the INVITE should get. */
    public abstract int sipStatus();
}
