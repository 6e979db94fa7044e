package kz.btcom.fs.service;

import kz.btcom.fs.featurecode.FeatureCodeService;
import kz.btcom.fs.featurecode.ProfileChange;

import java.util.List;

/**
 * The order of the services: written here and nowhere else (ARCHITECTURE.md, "How a call flows"). Each later
 * service goes into its place in these lists, and every pair of services that interact gets a test.
 */
public final class ServiceOrder {

    private ServiceOrder() {
    }

    public static ServiceChains chains(ServiceEnvironment environment) {
        List<CallService> originating = List.of(
                // First: a feature code is never a call, whatever the line's barring or status says of calls.
                new FeatureCodeService(environment.featureCodes(), new ProfileChange(environment.numbering()),
                        environment.subscribers(), environment.confirmations(), environment.clock())
                // suspension, outgoing barring, CLIR: to come
        );
        List<CallService> terminating = List.of(
                // CLIP/CLIR presentation, forwarding unconditional, busy / call waiting, record last caller: to come
        );
        return ServiceChains.of(originating, terminating);
    }
}
