package kz.btcom.fs.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Services run in order, each seeing the onward leg as the one before left it; the first outcome that is not
 * {@link ServiceOutcome.Continue} wins and the rest do not run. A service that throws is a bug: the call gets 500
 * rather than skipping, say, its barring.
 */
public final class ServiceChain {

    private static final Logger log = LoggerFactory.getLogger(ServiceChain.class);

    static final ServiceOutcome SERVICE_FAILED = ServiceOutcome.reject(500, "Server Internal Error");

    private final String name;
    private final List<CallService> services;

    public ServiceChain(String name, List<CallService> services) {
        this.name = name;
        this.services = List.copyOf(services);
    }

    public ServiceOutcome run(CallContext call) {
        CallContext current = call;
        for (CallService service : services) {
            ServiceOutcome outcome;
            try {
                outcome = service.onNewCall(current);
            } catch (RuntimeException e) {
                log.error("call {}: {} service {} failed", call.callId(), name, service.name(), e);
                return SERVICE_FAILED;
            }
            if (outcome instanceof ServiceOutcome.Continue next) {
                current = current.withLeg(next.leg());
            } else {
                log.debug("call {}: {} service {} decided {}", call.callId(), name, service.name(), outcome);
                return outcome;
            }
        }
        return current.proceed();
    }

    public List<CallService> services() {
        return services;
    }

    @Override
    public String toString() {
        return name + services.stream().map(CallService::name).toList();
    }
}
