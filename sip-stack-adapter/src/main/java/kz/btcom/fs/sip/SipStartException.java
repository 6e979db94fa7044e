package kz.btcom.fs.sip;

/** The SIP side could not start (port taken, bad address): the message says which. */
public class SipStartException extends Exception {
    public SipStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
