package kz.btcom.fs.call;

/** A call the server placed: what its placer may ask of it. Any thread; what it does happens on the call's lane. */
public interface PlacedCall {

    /** The Call-ID of the call's INVITE. */
    String callId();

    /**
     * The call's charging identifier, the icid of its P-Charging-Vector: a call the core routes back to the server
     * (the callee's terminating services) carries it in {@link CallSetup#icid()}, which is how the server knows it
     * for its own.
     */
    String icid();

    /**
     * Gives up before the answer: CANCEL once the callee's side has sent a provisional response (RFC 3261 9.1), and
     * should the callee answer anyway, ACK and BYE; the placer hears {@link PlacedCallEvents#onFailed} 487. After the
     * answer it is {@link #hangUp}; after the end, nothing.
     */
    void cancel();

    /** Ends the call: BYE after the answer; before it, {@link #cancel}. */
    void hangUp();
}
