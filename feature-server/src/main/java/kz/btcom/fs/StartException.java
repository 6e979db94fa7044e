package kz.btcom.fs;

/** The server could not start (a port in use, a data directory it cannot create): one line says why. */
public final class StartException extends Exception {
    public StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
