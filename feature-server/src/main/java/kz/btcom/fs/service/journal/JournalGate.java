package kz.btcom.fs.service.journal;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.CallStart;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A call that cannot be billed is not connected: while the billing journal cannot take new calls (its disk short
 * of the reserve, or entries waiting to be written), a new call gets {@code 503} before any service acts on it
 * (no forwarding set, no feature code changed, no call placed). Calls in progress are not touched: they end
 * billed, in the reserve. Sits inside {@link JournalingCallHandler}, so the refusal is journaled as the refused
 * call it is.
 */
public final class JournalGate implements CallHandler {

    static final CallDecision REFUSED = CallDecision.reject(503, "Service Unavailable");

    private final CallHandler services;
    private final BooleanSupplier journalTakesNewCalls;

    public JournalGate(CallHandler services, BooleanSupplier journalTakesNewCalls) {
        this.services = Objects.requireNonNull(services, "services");
        this.journalTakesNewCalls = Objects.requireNonNull(journalTakesNewCalls, "journalTakesNewCalls");
    }

    @Override
    public CallStart onNewCall(CallSetup setup) {
        return journalTakesNewCalls.getAsBoolean() ? services.onNewCall(setup) : CallStart.of(REFUSED);
    }
}
