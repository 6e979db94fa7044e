package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.sessioncase.SubscriberLookup;
import kz.btcom.fs.testing.Line;
import kz.btcom.fs.testing.TestServiceEnvironment;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The shipped services in their shipped order, behind the real call handler, with subscribers in memory and time
 * on a fake clock: what a test of service behaviour drives.
 */
public final class ServedCalls implements AutoCloseable {

    public final TestServiceEnvironment services = new TestServiceEnvironment();
    public final ServiceChainCallHandler handler = new ServiceChainCallHandler(
            new SubscriberLookup(services.numbering, services.subscribers), ServiceOrder.chains(services.environment));

    public ServedCalls provision(Line... lines) {
        for (Line line : lines) {
            services.subscribers.put(line.profile());
        }
        return this;
    }

    public CallDecision call(CallSetup setup) {
        return handler.onNewCall(setup);
    }

    /** The leg the call is relayed on; fails when the call was not relayed. */
    public OnwardLeg relayed(CallSetup setup) {
        return assertInstanceOf(CallDecision.Relay.class, call(setup)).leg();
    }

    @Override
    public void close() {
        services.close();
    }
}
