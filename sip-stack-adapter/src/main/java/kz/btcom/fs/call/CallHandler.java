package kz.btcom.fs.call;

/**
 * The feature server's side of the B2BUA. Called on the call's own lane: one call's events run one at a time,
 * and nothing here may block (store reads come from a cache, writes are asynchronous).
 */
public interface CallHandler {

    /** A new call arrived: decide what happens to it. */
    CallDecision onNewCall(CallSetup setup);

    /** The call is over, whatever became of it. Called exactly once per call that {@link #onNewCall} saw. */
    default void onCallEnded(CallSetup setup, CallEnd end) {
    }

    /**
     * An in-dialog INFO from one party of an established or early call, before it is relayed to the other (DTMF as
     * {@code application/dtmf-relay}: malicious-call identification by {@code *39#} during the call).
     *
     * @return true when the server takes it: the sender gets 200 and the other party never sees it; false to relay
     */
    default boolean onInfo(CallSetup setup, CallParty from, String contentType, String body) {
        return false;
    }
}
