package kz.btcom.fs.service;

import kz.btcom.fs.call.SessionCase;

import java.util.List;
import java.util.Objects;

/** The two chains: the caller's originating services and the callee's terminating services. */
public record ServiceChains(ServiceChain originating, ServiceChain terminating) {

    public ServiceChains {
        Objects.requireNonNull(originating, "originating");
        Objects.requireNonNull(terminating, "terminating");
    }

    public static ServiceChains of(List<CallService> originating, List<CallService> terminating) {
        return new ServiceChains(new ServiceChain("originating", originating),
                new ServiceChain("terminating", terminating));
    }

    public ServiceChain forCase(SessionCase sessionCase) {
        return switch (sessionCase) {
            case ORIGINATING -> originating;
            case TERMINATING -> terminating;
        };
    }
}
