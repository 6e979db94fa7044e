package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.service.wiring.ServiceOrder;
import kz.btcom.fs.sessioncase.SubscriberLookup;
import kz.btcom.fs.testing.FakeCallControl;
import kz.btcom.fs.testing.Line;
import kz.btcom.fs.testing.StartedCalls;
import kz.btcom.fs.testing.TestServiceEnvironment;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The shipped services in their shipped order, behind the real call handler (a session per call, the billing
 * journal on it), with subscribers in memory and time on a fake clock: what a test of service behaviour drives.
 */
public final class ServedCalls implements AutoCloseable {

    public final TestServiceEnvironment services = new TestServiceEnvironment();
    public final CallHandler handler = ServiceOrder.handler(services.environment,
            new SubscriberLookup(services.numbering, services.subscribers));
    /** The calls {@link #call} started, for what the B2BUA tells each of them afterwards. */
    public final StartedCalls started = new StartedCalls(handler);

    public ServedCalls provision(Line... lines) {
        for (Line line : lines) {
            services.subscribers.put(line.profile());
        }
        return this;
    }

    public CallDecision call(CallSetup setup) {
        return started.onNewCall(setup);
    }

    /** The leg the call is relayed on; fails when the call was not relayed. */
    public OnwardLeg relayed(CallSetup setup) {
        return assertInstanceOf(CallDecision.Relay.class, call(setup)).leg();
    }

    /** The callee of {@code leg} answered it (what the B2BUA tells the leg's watcher on the 200). */
    public void answer(OnwardLeg leg) {
        leg.events().onAnswered(new FakeCallControl(services.scheduler));
    }

    /** The leg is over for its callee: forwarded away, failed, or the call ended. */
    public void leave(OnwardLeg leg) {
        leg.events().onEnded();
    }

    /** The call ended (the B2BUA reports every call's end once), answered and released by the caller. */
    public void end(CallSetup setup) {
        started.onCallEnded(setup, new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER,
                Optional.empty(), Optional.of(setup.receivedAt()), services.clock.instant(), List.of()));
    }

    @Override
    public void close() {
        services.close();
    }
}
