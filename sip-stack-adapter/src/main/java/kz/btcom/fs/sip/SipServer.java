package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.SipMetrics;

import java.time.Duration;

/** The feature server's SIP interface: a B2BUA on JAIN-SIP. (API sketch: implementation follows.) */
public final class SipServer implements AutoCloseable {

    public static SipServer start(SipSettings settings, CallHandler handler, SipMetrics metrics)
            throws SipStartException {
        throw new UnsupportedOperationException("in progress");
    }

    /** Calls set up or being set up and not yet released. */
    public int callsInProgress() {
        return 0;
    }

    /** Stop taking new calls: from now on a new INVITE gets 503 with Retry-After. */
    public void stopAcceptingCalls() {
    }

    /** Release every call in progress with BYE (or CANCEL/487 before answer), waiting up to {@code grace}. */
    public void releaseAllCalls(Duration grace) {
    }

    @Override
    public void close() {
    }
}
