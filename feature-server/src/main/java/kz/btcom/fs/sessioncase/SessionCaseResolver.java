package kz.btcom.fs.sessioncase;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.ExplicitSessionCase;
import kz.btcom.fs.call.SessionCase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whose services apply to a new call (PRODUCT.md, "Session case"). What the core stated wins: a top Route
 * with {@code orig}, or {@code P-Served-User} with {@code sescase}; the core's filter criteria already chose this
 * server for that user, so it is not asked again whether the user is served. Otherwise the caller's originating
 * services apply if the caller is served, and the callee's terminating services if the callee is: both, in that
 * order, when both are.
 */
public final class SessionCaseResolver {

    private final ServedSubscribers served;

    public SessionCaseResolver(ServedSubscribers served) {
        this.served = Objects.requireNonNull(served, "served");
    }

    /** The cases to run, originating first; empty when nobody in the call is served here. */
    public List<ServedCase> resolve(CallSetup setup) {
        Optional<ExplicitSessionCase> explicit = setup.explicitCase();
        if (explicit.isPresent()) {
            return List.of(new ServedCase(explicit.get().sessionCase(), explicit.get().servedUser()));
        }
        List<ServedCase> cases = new ArrayList<>(2);
        // An anonymous caller has no number to serve (a served caller with CLIR still sends its P-Asserted-Identity).
        if (!setup.caller().isAnonymous() && served.isServed(setup.caller())) {
            cases.add(new ServedCase(SessionCase.ORIGINATING, setup.caller()));
        }
        if (!setup.called().user().isEmpty() && served.isServed(setup.called())) {
            cases.add(new ServedCase(SessionCase.TERMINATING, setup.called()));
        }
        return List.copyOf(cases);
    }
}
