package kz.btcom.fs.call;

/**
 * One call's events after its set-up, on the call's lane, one at a time. One object per call, so what it keeps
 * about the call needs no map keyed by Call-ID, and no lock.
 */
public interface CallListener {

    CallListener NONE = new CallListener() {
    };

    /** The call is over, whatever became of it. Exactly once per call. */
    default void onEnded(CallEnd end) {
    }

    /**
     * An in-dialog INFO from one party of an established or early call, before it is relayed to the other (DTMF as
     * {@code application/dtmf-relay}: malicious-call identification by {@code *39#} during the call).
     *
     * @return true when the server takes it: the sender gets 200 and the other party never sees it; false to relay
     */
    default boolean onInfo(CallParty from, String contentType, String body) {
        return false;
    }

    /** An in-dialog REFER from one party: relay it to the other as it came, or refuse it with a 4xx-6xx. */
    default ReferDecision onRefer(CallParty from, ReferRequest refer) {
        return ReferDecision.RELAY;
    }
}
