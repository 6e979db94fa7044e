package kz.btcom.fs.call;

/** How a call ended, for metrics and billing. */
public enum CallOutcome {
    /** Answered and later released by either side. */
    ANSWERED,
    /** Answered by the server itself (feature code, announcement). */
    ANSWERED_LOCALLY,
    /** A service refused it (barring, busy...). */
    REJECTED,
    /** The callee's side refused it with a 3xx-6xx. */
    UNANSWERED,
    /** The caller gave up before the answer. */
    CANCELLED,
    /** No response from the callee's side before the transaction timers ran out. */
    TIMED_OUT,
    /** Shed because the server was over capacity or shutting down. */
    OVERLOAD,
    /** Broken by an error: transport failure, a message that could not be sent. */
    FAILED
}
