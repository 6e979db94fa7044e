package kz.btcom.fs.subscriber;

/** The subscriber database failed (unreachable, full, a constraint): the caller decides what the user sees. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
