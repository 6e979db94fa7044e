package kz.btcom.fs.call;

import java.util.Optional;

/**
 * A service's state machine for the callee side of one call (no-reply forwarding, forwarding on busy or when not
 * reachable). The B2BUA calls it on the call's lane, one event at a time, so it needs no locks; it acts through
 * {@link CallControl}. Each onward leg has its own watcher: a redirect names the next one.
 */
public interface CalleeEvents {

    CalleeEvents NONE = new CalleeEvents() {
    };

    /** The onward INVITE has gone out (a timer for "no answer before alerting" would start here). */
    default void onCalleeTried(CallControl call) {
    }

    /** The callee is alerting: 180 Ringing (relayed to the caller as well). */
    default void onRinging(CallControl call) {
    }

    /** The callee answered (2xx): no redirect can happen any more. */
    default void onAnswered(CallControl call) {
    }

    /**
     * The callee's leg failed before answering: a 3xx-6xx final response (not the 487 of our own CANCEL), or 408
     * when it never answered (the INVITE transaction timed out) or the core could not be reached. The leg
     * returned is called next and the caller never hears of the failure; empty: the failure is relayed to the
     * caller as usual.
     */
    default Optional<OnwardLeg> onCalleeFailed(int status, CallControl call) {
        return Optional.empty();
    }

    /**
     * This watcher's part is over: the call ended, whatever ended it, or a redirect or failure replaced its leg by
     * one that another watcher watches (a watcher that names itself for the next leg hears this once, at the end).
     * Its timers are gone already; forget state.
     */
    default void onEnded() {
    }
}
