package kz.btcom.fs.media;

/** No media port is free (or the endpoint is shut down): the caller should get 503 and try again later. */
public final class MediaUnavailableException extends MediaException {

    public MediaUnavailableException(String message) {
        super(message);
    }

    @Override
    public int sipStatus() {
        return 503;
    }
}
