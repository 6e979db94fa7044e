package kz.btcom.fs.call;

/** What the SIP side reports for the server's metrics. Implementations must be cheap and thread-safe. */
public interface SipMetrics {

    /** An initial INVITE was handled: from its arrival to the onward INVITE (or the final answer) being sent. */
    void inviteHandled(long nanos);

    /** A call ended with this outcome. */
    void callEnded(CallOutcome outcome);

    /** A new call was refused with 503 because the server was over capacity or shutting down. */
    void overloadRejected();

    SipMetrics NONE = new SipMetrics() {
        @Override public void inviteHandled(long nanos) { }
        @Override public void callEnded(CallOutcome outcome) { }
        @Override public void overloadRejected() { }
    };
}
