package kz.btcom.fs.call;

import java.util.Objects;

/**
 * What the B2BUA does with a new call, and the call's listener for everything after the decision.
 *
 * @param decision relay, refuse or answer the call
 * @param listener hears the call's INFO, REFER and end, one object per call
 */
public record CallStart(CallDecision decision, CallListener listener) {

    public CallStart {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(listener, "listener");
    }

    /** A decision nobody needs to hear more of the call for. */
    public static CallStart of(CallDecision decision) {
        return new CallStart(decision, CallListener.NONE);
    }
}
