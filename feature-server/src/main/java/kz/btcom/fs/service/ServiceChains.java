package kz.btcom.fs.service;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.SessionCase;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The chains: the caller's originating services, the callee's terminating services, and the callee's side of a call
 * the server placed itself (a wake-up call coming back through the core), which gets none of the callee's services
 * but its presentation and its line's busy state.
 *
 * @param isOwnCall which new calls are the server's own ({@link OwnCalls#isOwn})
 */
public record ServiceChains(ServiceChain originating, ServiceChain terminating, ServiceChain ownCallsTerminating,
                            Predicate<CallSetup> isOwnCall) {

    public ServiceChains {
        Objects.requireNonNull(originating, "originating");
        Objects.requireNonNull(terminating, "terminating");
        Objects.requireNonNull(ownCallsTerminating, "ownCallsTerminating");
        Objects.requireNonNull(isOwnCall, "isOwnCall");
    }

    /** A server that places no calls of its own. */
    public static ServiceChains of(List<CallService> originating, List<CallService> terminating) {
        return of(originating, terminating, terminating, setup -> false);
    }

    public static ServiceChains of(List<CallService> originating, List<CallService> terminating,
                                   List<CallService> ownCallsTerminating, Predicate<CallSetup> isOwnCall) {
        return new ServiceChains(new ServiceChain("originating", originating),
                new ServiceChain("terminating", terminating),
                new ServiceChain("own call terminating", ownCallsTerminating), isOwnCall);
    }

    public ServiceChain forCase(SessionCase sessionCase) {
        return switch (sessionCase) {
            case ORIGINATING -> originating;
            case TERMINATING -> terminating;
        };
    }

    /** The chain for one case of this call: the server's own calls have their own terminating chain. */
    public ServiceChain forCase(SessionCase sessionCase, CallSetup setup) {
        return sessionCase == SessionCase.TERMINATING && isOwnCall.test(setup) ? ownCallsTerminating
                : forCase(sessionCase);
    }
}
