package kz.btcom.fs.service;

/**
 * One service in a chain (barring, forwarding, CLIP...). It looks at a new call and says what becomes of it; it
 * must not block (profiles come from a cache) and never sees the SIP stack.
 */
@FunctionalInterface
public interface CallService {

    ServiceOutcome onNewCall(CallContext call);

    /** For logs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
