package kz.btcom.fs.sessioncase;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.numbering.Area;
import kz.btcom.fs.numbering.ClassifiedNumber;
import kz.btcom.fs.numbering.NumberingPlan;

import java.util.Objects;
import java.util.Optional;

/**
 * Reads the called number in the caller's context before anything is decided about a call (PRODUCT.md, "a local
 * number is in the caller's own area"): subscribers dial {@code 2777002}, {@code 8 727 2777002} or
 * {@code +7 727 277 70 02} for the same line, and the line's terminating services must apply whichever form came.
 * The caller's area comes from its identity (P-Asserted-Identity, else From), whether or not the caller is served
 * here. A number with no full form (a feature code, an emergency or information short code, a local number with no
 * caller area to place it, a name) is left as dialled.
 */
public final class DialledNumbers {

    private final NumberingPlan numbering;

    public DialledNumbers(NumberingPlan numbering) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
    }

    /** The call with its Request-URI's number in E.164 where the dialled form was another. */
    public DialledCall normalise(CallSetup setup) {
        SipIdentity called = setup.called();
        if (called.user().isEmpty()) {
            return DialledCall.asDialled(setup);
        }
        Optional<Area> callerArea = IdentityNumber.of(numbering, setup.caller()).flatMap(numbering::areaOf);
        Optional<ClassifiedNumber> number = numbering.normalise(called.user(), callerArea);
        if (number.isEmpty() || !number.get().isE164() || number.get().e164OrShortCode().equals(called.user())) {
            return DialledCall.asDialled(setup);
        }
        String e164 = number.get().e164OrShortCode();
        boolean tel = called.kind() == SipIdentity.Kind.TEL;
        SipIdentity normalised = new SipIdentity(tel ? "tel:" + e164 : "sip:" + e164 + "@" + called.host() + ";user=phone",
                e164, called.host(), called.displayName(), tel ? SipIdentity.Kind.TEL : SipIdentity.Kind.SIP_PHONE, "");
        return new DialledCall(setup.withCalled(normalised), Optional.of(e164));
    }

    /**
     * A new call as the services take it.
     *
     * @param setup      the call, its called identity the E.164 number when the caller dialled another form
     * @param normalised that number, which the onward leg then carries in place of the form dialled; empty when
     *                   the Request-URI goes on as received
     */
    public record DialledCall(CallSetup setup, Optional<String> normalised) {
        public DialledCall {
            Objects.requireNonNull(setup, "setup");
            Objects.requireNonNull(normalised, "normalised");
        }

        static DialledCall asDialled(CallSetup setup) {
            return new DialledCall(setup, Optional.empty());
        }
    }
}
