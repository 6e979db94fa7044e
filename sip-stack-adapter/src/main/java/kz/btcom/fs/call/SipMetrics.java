package kz.btcom.fs.call;

/** What the SIP side reports for the server's metrics. Implementations must be cheap and thread-safe. */
public interface SipMetrics {

    /** An initial INVITE was handled: from its arrival to the onward INVITE (or the final answer) being sent. */
    void inviteHandled(long nanos);

    /** A call ended with this outcome. */
    void callEnded(CallOutcome outcome);

    /**
     * A terminating pass ended with this outcome: the core sent the call to the server a second time, for the
     * callee's services only ({@link CallSetup#isTerminatingPass()}). The call itself is counted by its originating
     * pass, so metrics that count calls keep these apart; by default a pass is counted as a call.
     */
    default void terminatingPassEnded(CallOutcome outcome) {
        callEnded(outcome);
    }

    /** A new call was refused with 503 because the server was over capacity or shutting down. */
    void overloadRejected();

    /** A request came from an address that is not a trusted peer and was refused (403) or dropped. */
    default void untrustedRequest() {
    }

    SipMetrics NONE = new SipMetrics() {
        @Override public void inviteHandled(long nanos) { }
        @Override public void callEnded(CallOutcome outcome) { }
        @Override public void overloadRejected() { }
    };
}
