package kz.btcom.fs.call;

import java.time.Duration;

/**
 * What a {@link CalleeEvents} may do with its call. Each onward leg's watcher gets the control of that leg: valid only
 * on the call's lane, and only while that leg is the call's current one (afterwards it does nothing).
 */
public interface CallControl {

    /** The call's Call-ID (incoming leg), for logs. */
    String callId();

    /**
     * Runs {@code task} on the call's lane after {@code delay}, unless by then the timer was cancelled, the call
     * ended, or this control's leg was answered, failed or replaced by a redirect: a leg's timers are for what
     * happens before its callee answers (no reply, no alerting), and one left running could redirect the wrong leg.
     */
    Timer schedule(Duration delay, Runnable task);

    /**
     * Gives up on the current callee and calls the new onward leg instead, built afresh from the caller's INVITE.
     * The callee given up is cancelled when it has sent any provisional response, else as soon as it sends one
     * (RFC 3261 9.1); should it answer after all, it gets ACK and BYE; nothing it says reaches the caller. The
     * caller, who stays on the line, gets 181 the first time a leg with diversions goes out. Ignored once the
     * callee answered, the caller gave up, the call ended, or this control's leg is no longer the current one.
     */
    void redirect(OnwardLeg next);

    /** A timer of {@link #schedule}. */
    interface Timer {
        /** Stops it from running; harmless when it already ran. */
        void cancel();
    }
}
