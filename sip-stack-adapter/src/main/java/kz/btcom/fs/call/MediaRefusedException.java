package kz.btcom.fs.call;

/**
 * The server's own media cannot take this call: no codec in common with the caller's offer (488), or no media
 * port free (503). The B2BUA answers the caller with this status instead of 200.
 */
public final class MediaRefusedException extends RuntimeException {

    private final int statusCode;
    private final String reasonPhrase;

    public MediaRefusedException(int statusCode, String reasonPhrase, String detail) {
        super(detail, null, false, false);
        if (statusCode < 400 || statusCode > 699) {
            throw new IllegalArgumentException("a refusal is a 4xx-6xx response, not " + statusCode);
        }
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
    }

    public static MediaRefusedException notAcceptable(String detail) {
        return new MediaRefusedException(488, "Not Acceptable Here", detail);
    }

    public static MediaRefusedException unavailable(String detail) {
        return new MediaRefusedException(503, "Service Unavailable", detail);
    }

    public int statusCode() {
        return statusCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }
}
