package kz.btcom.fs.trace;

import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.numbering.Area;
import kz.btcom.fs.numbering.ClassifiedNumber;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.sessioncase.IdentityNumber;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The number a capture is for, and whether a new call's identities name it. A capture must never take another
 * number's call, so a form that could belong to several numbers counts only where the call itself says whose it
 * is:
 * <ul>
 *   <li>a full number in any form ({@code tel:+77272777888}, {@code sip:87272777888@core}, {@code 77272777888}),
 *       read as the service chain reads it ({@link IdentityNumber});</li>
 *   <li>an operator service number's dialled form ({@code 2777888}), which is that number from any area;</li>
 *   <li>a local number with a global {@code phone-context} ({@code tel:2777888;phone-context=+7727});</li>
 *   <li>a local number as dialled ({@code sip:2777888@core}) when another identity of the same INVITE is a full
 *       number in the traced number's area: a caller there dialled it. Without such a caller the digits are some
 *       area's local number, and which one the INVITE does not say.</li>
 * </ul>
 */
final class TracedNumber {

    private final NumberingPlan numbering;
    private final String e164;
    private final Optional<Area> area;

    TracedNumber(NumberingPlan numbering, String e164) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.e164 = Objects.requireNonNull(e164, "e164");
        this.area = numbering.areaOf(e164);
    }

    String e164() {
        return e164;
    }

    /** Whether the identities of an initial INVITE (Request-URI, From, To, P-Asserted-Identity...) name it. */
    boolean isNamedBy(List<SipIdentity> parties) {
        boolean dialledLocally = false;
        boolean callerInArea = false;
        for (SipIdentity party : parties) {
            if (party.isAnonymous()) {
                continue;
            }
            Optional<String> full = fullNumber(party);
            if (full.isPresent()) {
                if (full.get().equals(e164)) {
                    return true;
                }
                callerInArea |= area.isPresent() && numbering.areaOf(full.get()).equals(area);
            } else if (isLocalFormOfTraced(party)) {
                dialledLocally = true;
            }
        }
        return dialledLocally && callerInArea;
    }

    private Optional<String> fullNumber(SipIdentity party) {
        Optional<String> full = IdentityNumber.of(numbering, party);
        if (full.isEmpty() && party.phoneContext().startsWith("+")) {
            full = numbering.toE164(party.phoneContext() + party.user());
        }
        if (full.isEmpty()) {
            // Area-independent dialled forms: a service number from any area (emergency and information short
            // codes come back as short codes, which never equal an E.164 number).
            full = numbering.normalise(party.user(), Optional.empty()).map(ClassifiedNumber::e164OrShortCode)
                    .filter(number -> number.startsWith("+"));
        }
        return full;
    }

    private boolean isLocalFormOfTraced(SipIdentity party) {
        return area.isPresent() && numbering.normalise(party.user(), area)
                .map(ClassifiedNumber::e164OrShortCode).filter(e164::equals).isPresent();
    }
}
