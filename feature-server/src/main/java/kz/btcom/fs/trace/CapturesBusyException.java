package kz.btcom.fs.trace;

/** A capture was asked for while as many run as {@link TraceLimits#maxRunning} allows. */
public final class CapturesBusyException extends RuntimeException {

    CapturesBusyException(String message) {
        super(message, null, false, false);
    }
}
