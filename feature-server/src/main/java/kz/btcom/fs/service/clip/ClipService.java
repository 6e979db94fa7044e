package kz.btcom.fs.service.clip;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;

import java.util.Objects;

/**
 * CLIP, terminating side (TS 24.607 OIP): a callee here with CLIP sees the caller's number in From and
 * P-Asserted-Identity, unless the caller restricted it; a callee without CLIP, or a restricted caller, gets an
 * anonymous From, no P-Asserted-Identity, and no other header of its leg carries the number. A forwarded call
 * shows the original caller, decided again by each served target's own CLIP.
 */
public final class ClipService implements CallService {

    private final CallerIdentity callers;

    public ClipService(CallerIdentity callers) {
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() != SessionCase.TERMINATING || call.servedSubscriber().isEmpty()) {
            return call.proceed();
        }
        boolean clip = call.servedSubscriber().get().services().clip();
        return ServiceOutcome.proceed(call.leg().withPresentation(callers.towards(call.setup(), clip)));
    }
}
