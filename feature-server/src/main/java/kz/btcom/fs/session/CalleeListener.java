package kz.btcom.fs.session;

import kz.btcom.fs.call.OnwardLeg;

/**
 * What a service hears of the callee side of a call, over all its legs (the billing journal: the attempt and each
 * forwarding, alerting, answer). A service that acts on one leg's callee (forwarding on no reply, the line a
 * waiting call occupies) puts its own {@link kz.btcom.fs.call.CalleeEvents} on that leg instead.
 */
public interface CalleeListener {

    /** A leg goes out to a callee: the call's first, or the one a forwarding put in the last one's place. */
    default void onLeg(OnwardLeg leg) {
    }

    /** The callee is alerting (180), on whichever leg; once per 180. */
    default void onRinging() {
    }

    /** The callee answered, on whichever leg. */
    default void onAnswered() {
    }
}
