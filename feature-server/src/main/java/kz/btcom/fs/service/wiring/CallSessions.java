package kz.btcom.fs.service.wiring;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.service.CallDecider;
import kz.btcom.fs.service.journal.CallJournalist;
import kz.btcom.fs.session.CallSession;
import kz.btcom.fs.session.SessionCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The feature server's side of the B2BUA: each new call gets a session, the billing journal follows it, the
 * services decide, and the call is the B2BUA's listener for all that comes after (its callee's answer, INFO, REFER,
 * its end).
 *
 * <p>A call that cannot be billed is not connected: while the billing journal cannot take new calls (its disk short
 * of the reserve, or entries waiting to be written), a new call gets {@code 503} before any service acts on it (no
 * forwarding set, no feature code changed, no call placed). Calls in progress are not touched: they end billed, in
 * the reserve. The refused call is journaled as the refused call it is.
 */
public final class CallSessions implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(CallSessions.class);

    static final CallDecision REFUSED = CallDecision.reject(503, "Service Unavailable");
    static final CallDecision FAILED = CallDecision.reject(500, "Server Internal Error");

    private final CallDecider services;
    private final CallJournalist journalist;
    private final BooleanSupplier journalTakesNewCalls;

    public CallSessions(CallDecider services, CallJournalist journalist, BooleanSupplier journalTakesNewCalls) {
        this.services = Objects.requireNonNull(services, "services");
        this.journalist = Objects.requireNonNull(journalist, "journalist");
        this.journalTakesNewCalls = Objects.requireNonNull(journalTakesNewCalls, "journalTakesNewCalls");
    }

    @Override
    public CallStart onNewCall(CallSetup setup) {
        SessionCall call = CallSession.start(setup).firstCall();
        journalist.follow(call);
        CallDecision decision;
        try {
            decision = journalTakesNewCalls.getAsBoolean() ? services.decide(call) : REFUSED;
        } catch (RuntimeException e) {
            // Refused here rather than by the B2BUA, so that the call keeps its session and is journaled.
            log.error("call {}: the services failed; refusing the call", setup.callId(), e);
            decision = FAILED;
        }
        if (decision instanceof CallDecision.Relay relay) {
            decision = new CallDecision.Relay(call.watch(relay.leg()));
        }
        return new CallStart(decision, call);
    }
}
