package kz.btcom.fs.sessioncase;

import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.numbering.NumberingPlan;

import java.util.Optional;

/**
 * The E.164 number a SIP identity names, as this server reads identities everywhere: a {@code tel:} URI or a
 * {@code sip:} URI whose user part is a full number (with or without '+', national with its prefix). An
 * anonymous identity, a name, a short code or a local number without an area names no number.
 */
public final class IdentityNumber {

    private IdentityNumber() {
    }

    public static Optional<String> of(NumberingPlan numbering, SipIdentity identity) {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        return numbering.toE164(identity.user());
    }
}
