package kz.btcom.fs.service.clip;

import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;

import java.util.Objects;

/**
 * The caller's CLIR, originating side (TS 24.607 OIR): the number is withheld from the callee but stays in the
 * trusted network (P-Asserted-Identity kept, {@code Privacy: id}), so a callee on another network sees no number.
 * An emergency call always carries the number: the emergency service must see who calls.
 */
public final class ClirService implements CallService {

    private final NumberingPlan numbering;

    public ClirService(NumberingPlan numbering) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() != SessionCase.ORIGINATING || call.servedSubscriber().isEmpty()
                || !call.servedSubscriber().get().services().clir()) {
            return call.proceed();
        }
        boolean emergency = numbering.normalise(call.leg().targetNumber().orElse(call.setup().called().user()),
                        numbering.areaOf(call.servedSubscriber().get().number()))
                .map(number -> number.numberClass() == NumberClass.EMERGENCY)
                .orElse(false);
        return emergency ? call.proceed() : ServiceOutcome.proceed(call.leg().withPresentation(
                Presentation.WITHHELD_IN_NETWORK));
    }
}
