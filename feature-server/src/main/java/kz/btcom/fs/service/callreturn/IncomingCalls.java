package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.clip.CallerIdentity;

import java.util.Objects;
import java.util.Optional;

/**
 * An incoming call as the server keeps it for its callee: the caller as the network identified it (even when it
 * restricted its number), whether it restricted it, and where the call came from.
 */
public final class IncomingCalls {

    private final CallerIdentity callers;
    private final NumberingPlan numbering;
    private final CallOrigins origins;

    public IncomingCalls(CallerIdentity callers, NumberingPlan numbering, CallOrigins origins) {
        this.callers = Objects.requireNonNull(callers, "callers");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    public LastCall describe(CallSetup setup) {
        String number = identifiedNumber(setup);
        return new LastCall(setup.callId(), number, setup.caller().uri(), callers.isRestricted(setup),
                setup.receivedAt(), Optional.empty(), origins.of(setup, number));
    }

    /** E.164 when it reads so, else as received; empty for a call that came with no identity at all. */
    private String identifiedNumber(CallSetup setup) {
        if (setup.caller().isAnonymous()) {
            return "";
        }
        return numbering.toE164(setup.caller().user()).orElse(setup.caller().user());
    }
}
