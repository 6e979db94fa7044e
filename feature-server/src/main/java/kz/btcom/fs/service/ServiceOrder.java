package kz.btcom.fs.service;

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
                // feature-code interception, suspension, outgoing barring, CLIR: to come
        );
        List<CallService> terminating = List.of(
                // CLIP/CLIR presentation, forwarding unconditional, busy / call waiting, record last caller: to come
        );
        return ServiceChains.of(originating, terminating);
    }
}
